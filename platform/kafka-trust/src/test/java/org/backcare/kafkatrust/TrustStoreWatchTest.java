package org.backcare.kafkatrust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreWatchTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));

    private Path ca(String content) throws IOException {
        return Files.writeString(dir.resolve("ca.crt"), content);
    }

    @Test
    void anUnchangedCaNeverAsksForARestart() throws IOException {
        TrustStoreWatch watch = new TrustStoreWatch(ca("old CA"), Duration.ofHours(1), Duration.ofSeconds(30), clock);
        clock.advance(Duration.ofDays(400));

        assertThat(watch.changeSeenAt()).isEmpty();
        assertThat(watch.restartDue()).isFalse();
    }

    @Test
    void aRenewedCaAsksForARestartOnlyOnceThisProcessesDelayHasPassed() throws IOException {
        Path file = ca("old CA");
        TrustStoreWatch watch = new TrustStoreWatch(file, Duration.ofHours(2), Duration.ofSeconds(30), clock);
        ca("old CA\nnew CA");
        clock.advance(Duration.ofMinutes(1));

        assertThat(watch.changeSeenAt()).contains(Instant.parse("2026-12-01T10:01:00Z"));
        assertThat(watch.restartDue()).isFalse();
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(watch.restartDue()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(watch.restartDue()).isTrue();
    }

    @Test
    void theFileIsReadAgainOnlyAfterTheRecheckInterval() throws IOException {
        Path file = ca("old CA");
        TrustStoreWatch watch = new TrustStoreWatch(file, Duration.ZERO, Duration.ofSeconds(30), clock);
        ca("new CA");
        clock.advance(Duration.ofSeconds(29));
        assertThat(watch.restartDue()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(watch.restartDue()).isTrue();
    }

    @Test
    void aCaMissingForAMomentIsNoChange() throws IOException {
        Path file = ca("old CA");
        TrustStoreWatch watch = new TrustStoreWatch(file, Duration.ZERO, Duration.ZERO, clock);
        Files.delete(file);
        clock.advance(Duration.ofSeconds(1));

        assertThat(watch.restartDue()).isFalse();
        ca("old CA");
        clock.advance(Duration.ofSeconds(1));
        assertThat(watch.restartDue()).isFalse();
    }

    @Test
    void aCaChangedBackToTheLoadedOneNoLongerAsksForARestart() throws IOException {
        Path file = ca("old CA");
        TrustStoreWatch watch = new TrustStoreWatch(file, Duration.ofHours(1), Duration.ZERO, clock);
        ca("new CA");
        clock.advance(Duration.ofSeconds(1));
        assertThat(watch.changeSeenAt()).isPresent();

        ca("old CA");
        clock.advance(Duration.ofHours(2));
        assertThat(watch.changeSeenAt()).isEmpty();
        assertThat(watch.restartDue()).isFalse();
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
