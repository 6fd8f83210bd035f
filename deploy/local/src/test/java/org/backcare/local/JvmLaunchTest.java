package org.backcare.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.backcare.infra.JavaRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK 25 AOT cache is used when asked for and current, trained otherwise, and promoted only when complete. */
class JvmLaunchTest {

    @TempDir
    Path dir;

    private Path app() throws IOException {
        Path quarkusApp = Files.createDirectories(dir.resolve("quarkus-app"));
        Files.createDirectories(quarkusApp.resolve("lib/main"));
        Files.writeString(quarkusApp.resolve("lib/main/some-library.jar"), "jar");
        Path jar = Files.writeString(quarkusApp.resolve("quarkus-run.jar"), "runner");
        age(quarkusApp.resolve("lib/main/some-library.jar"), 60);
        age(jar, 60);
        return jar;
    }

    private static final Optional<Path> JDK_25 = Optional.of(Path.of("/opt/jdk-25"));

    @Test
    void withoutBeingAskedTheAppRunsOnThisJvmWithoutACache() throws IOException {
        JvmLaunch launch = JvmLaunch.of(app(), false, JDK_25);

        assertThat(launch.java()).isEqualTo(JavaRuntimes.current());
        assertThat(launch.options()).isEmpty();
        assertThat(launch.training()).isFalse();
    }

    @Test
    void askedWithoutAJdk25TheAppRunsOnThisJvmWithoutACache() throws IOException {
        JvmLaunch launch = JvmLaunch.of(app(), true, Optional.empty());

        assertThat(launch.java()).isEqualTo(JavaRuntimes.current());
        assertThat(launch.options()).isEmpty();
    }

    @Test
    void askedWithoutACacheTheRunTrainsOneWithRoomInMetaspace() throws IOException {
        Path jar = app();

        JvmLaunch launch = JvmLaunch.of(jar, true, JDK_25);

        assertThat(launch.java()).isEqualTo(Path.of("/opt/jdk-25/bin/java"));
        assertThat(launch.training()).isTrue();
        assertThat(launch.options())
                .containsExactly(
                        "-XX:AOTCacheOutput=" + jar.resolveSibling("app.aot.training"), "-XX:MaxMetaspaceSize=512m");
    }

    @Test
    void aCacheNewerThanEveryFileOfTheAppIsMapped() throws IOException {
        Path jar = app();
        Files.writeString(jar.resolveSibling("app.aot"), "cache");

        JvmLaunch launch = JvmLaunch.of(jar, true, JDK_25);

        assertThat(launch.training()).isFalse();
        assertThat(launch.options()).containsExactly("-XX:AOTCache=" + jar.resolveSibling("app.aot"));
    }

    @Test
    void aCacheOlderThanAFileOfTheRebuiltAppIsTrainedAgain() throws IOException {
        Path jar = app();
        Files.writeString(jar.resolveSibling("app.aot"), "cache");
        age(jar.resolveSibling("app.aot"), 30);
        Files.writeString(jar.resolveSibling("lib/main/some-library.jar"), "rebuilt"); // now

        assertThat(JvmLaunch.of(jar, true, JDK_25).training()).isTrue();
    }

    @Test
    void aTrainingRunsOutputBecomesTheCacheOnlyWhenTheJvmSaidItCompletedItInThisRun() throws IOException {
        Path jar = app();
        JvmLaunch launch = JvmLaunch.of(jar, true, JDK_25);
        Path output = jar.resolveSibling("app.aot.training");
        Path log = dir.resolve("service.log");
        Files.writeString(log, "an earlier run: AOTCache creation is complete: " + output + " 100 bytes\n");
        long from = JvmLaunch.logSize(log);

        Files.writeString(output, "half a cache");
        Files.writeString(jar.resolveSibling("app.aot.training.config"), "what the training recorded");
        Files.writeString(log, "stopped while writing\n", java.nio.file.StandardOpenOption.APPEND);
        launch.promote(log, from);

        assertThat(output).doesNotExist();
        assertThat(jar.resolveSibling("app.aot.training.config")).doesNotExist();
        assertThat(jar.resolveSibling("app.aot")).doesNotExist();

        from = JvmLaunch.logSize(log);
        Files.writeString(output, "a cache");
        Files.writeString(
                log,
                "AOTCache creation is complete: " + output + " 7 bytes\n",
                java.nio.file.StandardOpenOption.APPEND);
        launch.promote(log, from);

        assertThat(output).doesNotExist();
        assertThat(jar.resolveSibling("app.aot")).hasContent("a cache");
    }

    private static void age(Path file, int seconds) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(seconds)));
    }
}
