package org.backcare.web;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** A sign-in as the TLS ingress forwards it, and what the answer's redirect and cookies say. */
final class ForwardedRequests {

    static final String PUBLIC_HOST = "app.backcare.example.org";

    private ForwardedRequests() {}

    /** GET /login with the headers the ingress controller adds for a browser at https://app.backcare.example.org. */
    static Response signInThroughTheIngress() {
        return given().redirects()
                .follow(false)
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", PUBLIC_HOST)
                .header("X-Forwarded-For", "203.0.113.7")
                .get("/login");
    }

    /** The redirect_uri the redirect to the identity provider carries, decoded. */
    static URI redirectUri(Response answer) {
        String query = URI.create(answer.header("Location")).getRawQuery();
        return Arrays.stream(query.split("&"))
                .filter(p -> p.startsWith("redirect_uri="))
                .map(p -> URLDecoder.decode(p.substring("redirect_uri=".length()), StandardCharsets.UTF_8))
                .map(URI::create)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no redirect_uri in " + answer.header("Location")));
    }

    static List<String> cookies(Response answer) {
        return answer.headers().getValues("Set-Cookie");
    }
}
