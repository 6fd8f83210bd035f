package org.backcare.progress;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.backcare.infra.quarkus.PostgresResource;

/**
 * The progress-service's @QuarkusTests: real embedded PostgreSQL, Quarkus's OIDC test server and the session-service's
 * history stream served from the test ({@link SessionHistoryServer}).
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(SessionHistoryServer.class)
@QuarkusTestResource(
        value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "progress_test"))
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ProgressTestResources {}
