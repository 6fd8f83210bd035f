package org.backcare.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {

    @TempDir
    Path dir;

    @Test
    void aComponentThatExitsIsReportedByNameWithTheEndOfItsLog() {
        ManagedProcess process = ManagedProcess.start(
                "Broken",
                List.of("sh", "-c", "echo cannot bind the port; exit 3"),
                Map.of(),
                dir,
                dir.resolve("broken.log"));

        assertThatThrownBy(() -> Readiness.await(process, Duration.ofSeconds(30), () -> false))
                .isInstanceOf(InfraException.class)
                .hasMessageStartingWith("Broken: exited before it became ready")
                .hasMessageContaining("cannot bind the port");
    }

    @Test
    void aComponentThatNeverBecomesReadyIsKilledAndReportedByName() {
        ManagedProcess process =
                ManagedProcess.start("Sluggish", List.of("sleep", "600"), Map.of(), dir, dir.resolve("sluggish.log"));

        assertThatThrownBy(() -> Readiness.await(process, Duration.ofSeconds(1), () -> false))
                .isInstanceOf(InfraException.class)
                .hasMessageStartingWith("Sluggish: did not become ready within 1 s");
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void aProcessLeftBehindByAnEarlierRunIsKilledBeforeTheNextStart() {
        ManagedProcess first =
                ManagedProcess.start("Leftover", List.of("sleep", "600"), Map.of(), dir, dir.resolve("leftover.log"));
        long pid = first.pid();

        ManagedProcess second =
                ManagedProcess.start("Leftover", List.of("sleep", "600"), Map.of(), dir, dir.resolve("leftover.log"));

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        second.kill();
    }
}
