package org.backcare.web.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The "Sign in" button's target: a protected page, so quarkus-oidc sends the browser to Keycloak (code flow with
 * PKCE) and back here with the session cookie; then on to the app.
 */
@Path("/login")
@Authenticated
public class SignIn {

    @GET
    public Response signIn() {
        return Response.seeOther(URI.create("/#/today")).build();
    }
}
