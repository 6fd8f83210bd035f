package org.backcare.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JavaRuntimesTest {

    @Test
    void theRunningJvmDeclaresItsFeatureVersion() {
        Path home = Path.of(System.getProperty("java.home"));
        assertThat(JavaRuntimes.featureVersion(home)).contains(Runtime.version().feature());
    }

    @Test
    void noRuntimeIsFoundAboveEveryVersion() {
        assertThat(JavaRuntimes.homeAtLeast(1000, "BACKCARE_NO_SUCH_VARIABLE")).isEmpty();
    }
}
