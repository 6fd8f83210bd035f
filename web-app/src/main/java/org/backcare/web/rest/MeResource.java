package org.backcare.web.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is signed in, from the ID token: the name to greet them by and the roles that decide which pages they see.
 * No token leaves the server; without a session this answers 401 and the app offers "Sign in".
 */
@Path("/api/me")
@Authenticated
public class MeResource {

    private final SecurityIdentity identity;

    public MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The person, as the web app shows them. */
    public record Me(String userId, String name, String givenName, String username, List<String> roles) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me() {
        // in the code flow the principal is the ID token
        JsonWebToken idToken = (JsonWebToken) identity.getPrincipal();
        String username = idToken.getClaim("preferred_username");
        String given = idToken.getClaim("given_name");
        String name = idToken.getClaim("name");
        if (name == null || name.isBlank()) {
            name = given != null && !given.isBlank() ? given : username;
        }
        List<String> roles = identity.getRoles().stream()
                .filter(role -> role.equals("user") || role.equals("coach") || role.equals("admin"))
                .sorted()
                .toList();
        return new Me(idToken.getSubject(), name, given == null || given.isBlank() ? name : given, username, roles);
    }
}
