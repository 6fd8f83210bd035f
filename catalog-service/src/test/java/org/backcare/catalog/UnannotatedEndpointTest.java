package org.backcare.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.backcare.infra.quarkus.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * {@code quarkus.security.jaxrs.deny-unannotated-endpoints}: an endpoint that forgot to say who may call it is
 * refused to everyone, signed in or not, instead of being open to the world.
 */
@QuarkusTest
@CatalogTestResources
class UnannotatedEndpointTest {

    /** A resource of this test only, without @RolesAllowed, @Authenticated or @PermitAll. */
    @Path("/test-only/unannotated")
    public static class Unannotated {

        @GET
        public String secret() {
            return "nobody said who may read this";
        }
    }

    @Test
    void anEndpointWithoutASecurityAnnotationIsRefusedToACallerWithAValidToken() {
        given().auth()
                .oauth2(TestTokens.forSubject(TestTokens.ALICE, "user", "coach", "admin"))
                .get("/test-only/unannotated")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
    }

    @Test
    void anEndpointWithoutASecurityAnnotationIsRefusedToACallerWithoutAToken() {
        given().get("/test-only/unannotated")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void healthIsNoJaxRsResourceAndStillAnswersWithoutAToken() {
        given().get("/q/health/live").then().statusCode(200);
    }
}
