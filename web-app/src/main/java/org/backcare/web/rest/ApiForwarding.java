package org.backcare.web.rest;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.backcare.web.service.ServiceCall;
import org.backcare.web.service.ServiceForwarder;

/**
 * The browser's calls to the services: {@code /api/catalog/...}, {@code /api/session/...} and
 * {@code /api/progress/...} go to the service of that name with the signed-in person's access token. The browser
 * never sees the token; the services stay bearer-only. A write must carry {@code X-Requested-With} (a cross-site
 * form cannot set it, so no other site can make the person's browser write through their cookie).
 */
@Path("/api/{service: catalog|session|progress}/{path: .*}")
@Authenticated
public class ApiForwarding {

    private final ServiceForwarder forwarder;
    private final AccessTokenCredential accessToken;

    public ApiForwarding(ServiceForwarder forwarder, AccessTokenCredential accessToken) {
        this.forwarder = forwarder;
        this.accessToken = accessToken;
    }

    @GET
    public Response get(
            @PathParam("service") String service,
            @PathParam("path") String path,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forward("GET", service, path, uri, headers, null);
    }

    @POST
    public Response post(
            @PathParam("service") String service,
            @PathParam("path") String path,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            byte[] body) {
        return forward("POST", service, path, uri, headers, body);
    }

    @PUT
    public Response put(
            @PathParam("service") String service,
            @PathParam("path") String path,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            byte[] body) {
        return forward("PUT", service, path, uri, headers, body);
    }

    @PATCH
    public Response patch(
            @PathParam("service") String service,
            @PathParam("path") String path,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            byte[] body) {
        return forward("PATCH", service, path, uri, headers, body);
    }

    @DELETE
    public Response delete(
            @PathParam("service") String service,
            @PathParam("path") String path,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forward("DELETE", service, path, uri, headers, null);
    }

    private Response forward(
            String method, String service, String path, UriInfo uri, HttpHeaders headers, byte[] body) {
        return forwarder.forward(new ServiceCall(
                method,
                service,
                path,
                uri.getRequestUri().getRawQuery(),
                headers.getRequestHeaders(),
                body,
                accessToken.getToken()));
    }
}
