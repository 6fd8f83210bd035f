package org.backcare.local;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One whole stack (real PostgreSQL, Kafka, Keycloak and the three services as processes) shared by the
 * integration tests that do not break it; started on free ports by the first of them, stopped when the JVM ends.
 * The fault tests start their own.
 */
final class SharedStack {

    private static LocalStack stack;

    private SharedStack() {}

    static synchronized LocalStack get() {
        if (stack == null) {
            RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
            stack = start("backcare-e2e-");
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-stack-stop"));
        }
        return stack;
    }

    static LocalStack start(String prefix) {
        try {
            Path root = Path.of(System.getProperty("backcare.repo-root", "../.."));
            Path state = Files.createTempDirectory(prefix);
            return new LocalStack(root, state, LocalStack.StackPorts.free()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
