package org.backcare.session;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.backcare.infra.quarkus.PostgresResource;

/**
 * The session-service's @QuarkusTests: real embedded PostgreSQL, Quarkus's OIDC test server and a catalog's read API
 * that the tests control (CatalogServer).
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CatalogServer.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "session_test"))
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface SessionTestResources {}
