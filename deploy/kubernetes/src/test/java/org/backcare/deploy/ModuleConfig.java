package org.backcare.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A module's configuration as its build sees it, for the keys these tests compare with the manifests: a service's
 * {@code application.properties} over the shared defaults of {@code platform/service-defaults} (which every service
 * depends on, and the web app does not). Profile keys stay as they are written ({@code %prod.x}).
 */
final class ModuleConfig {

    static final Path SERVICE_DEFAULTS =
            Path.of("platform/service-defaults/src/main/resources/META-INF/microprofile-config.properties");

    private ModuleConfig() {}

    static Properties of(String module) {
        Properties properties = new Properties();
        if (module.endsWith("-service")) {
            load(properties, Overlays.PROJECT_ROOT.resolve(SERVICE_DEFAULTS));
        }
        load(properties, Overlays.PROJECT_ROOT.resolve(module).resolve("src/main/resources/application.properties"));
        return properties;
    }

    private static void load(Properties properties, Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
