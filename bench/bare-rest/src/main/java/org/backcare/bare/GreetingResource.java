package org.backcare.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** The whole app: one JSON resource, the least a Quarkus REST service can be. */
@Path("/hello")
@Produces(MediaType.APPLICATION_JSON)
public class GreetingResource {

    /** What the endpoint answers. */
    public record Greeting(String message, Instant at) {}

    @GET
    public Greeting hello() {
        return new Greeting("hello", Instant.now());
    }
}
