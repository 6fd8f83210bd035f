package org.backcare.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {

    @TempDir
    Path jvms;

    /** A Java home as a JDK lays it out: a release file and an executable bin/java (or not). */
    private Path home(String name, String release, boolean executable) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name));
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        return home;
    }

    @Test
    void theFeatureVersionIsReadFromTheReleaseFile() throws IOException {
        Path jdk21 =
                home("jdk-21", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"21.0.5\"\nOS_NAME=\"Linux\"\n", true);
        Path jdk8 = home("jdk-8", "JAVA_VERSION=\"1.8.0_292\"\n", true);
        Path early = home("jdk-25-ea", "JAVA_VERSION=\"25-ea\"\n", true);

        assertThat(JavaRuntimes.featureVersion(jdk21)).contains(21);
        assertThat(JavaRuntimes.featureVersion(jdk8)).contains(8);
        assertThat(JavaRuntimes.featureVersion(early)).contains(25);
    }

    @Test
    void aHomeWithoutAReadableVersionDeclaresNone() throws IOException {
        assertThat(JavaRuntimes.featureVersion(home("no-release", null, true))).isEmpty();
        assertThat(JavaRuntimes.featureVersion(home("garbage", "JAVA_VERSION=unknown\n", true)))
                .isEmpty();
        assertThat(JavaRuntimes.featureVersion(jvms.resolve("missing"))).isEmpty();
    }

    @Test
    void theRunningJvmDeclaresItsFeatureVersion() {
        Path home = Path.of(System.getProperty("java.home"));
        assertThat(JavaRuntimes.featureVersion(home)).contains(Runtime.version().feature());
        assertThat(JavaRuntimes.current()).isExecutable();
    }

    @Test
    void theFirstCandidateThatIsNewEnoughAndRunnableIsChosen() throws IOException {
        Path old = home("jdk-17", "JAVA_VERSION=\"17.0.9\"\n", true);
        Path broken = home("jdk-25-broken", "JAVA_VERSION=\"25\"\n", false);
        Path jdk21 = home("jdk-21", "JAVA_VERSION=\"21.0.5\"\n", true);
        Path jdk25 = home("jdk-25", "JAVA_VERSION=\"25\"\n", true);

        assertThat(JavaRuntimes.firstAtLeast(21, List.of(old, broken, jdk21, jdk25)))
                .contains(jdk21);
        assertThat(JavaRuntimes.firstAtLeast(17, List.of(old, jdk21))).contains(old);
        assertThat(JavaRuntimes.firstAtLeast(26, List.of(old, broken, jdk21, jdk25)))
                .isEmpty();
    }

    @Test
    void theHomesUnderARootComeNewestFirstWithoutSymbolicLinks() throws IOException {
        Path jdk17 = home("jdk-17", "JAVA_VERSION=\"17.0.9\"\n", true);
        Path jdk25 = home("jdk-25", "JAVA_VERSION=\"25\"\n", true);
        Path jdk21 = home("jdk-21", "JAVA_VERSION=\"21.0.5\"\n", true);
        Files.createSymbolicLink(jvms.resolve("default-java"), jdk25);

        assertThat(JavaRuntimes.children(jvms)).containsExactly(jdk25, jdk21, jdk17);
        assertThat(JavaRuntimes.children(jvms.resolve("absent"))).isEmpty();
    }

    @Test
    void noRuntimeIsFoundAboveEveryVersion() {
        assertThat(JavaRuntimes.homeAtLeast(1000, "BACKCARE_NO_SUCH_VARIABLE")).isEmpty();
        assertThat(JavaRuntimes.homeAtLeast(Runtime.version().feature(), "BACKCARE_NO_SUCH_VARIABLE"))
                .isPresent();
    }
}
