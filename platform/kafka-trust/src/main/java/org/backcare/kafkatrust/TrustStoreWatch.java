package org.backcare.kafkatrust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The trust store the Kafka clients loaded at start, compared with what is mounted now. The clients cannot reload
 * it, so a change means this process must restart: {@link #restartDue()} says so once the change has been seen and
 * this process's share of the restart window has passed.
 */
final class TrustStoreWatch {

    private final Path file;
    private final String loaded;
    private final Duration delay;
    private final Duration recheckInterval;
    private final Clock clock;
    private Instant lastRead;
    private String current;
    private Instant changeSeenAt;

    /**
     * @param delay this process's wait between seeing a change and asking for a restart (a random share of the
     *     restart window, drawn once per process)
     */
    TrustStoreWatch(Path file, Duration delay, Duration recheckInterval, Clock clock) {
        this.file = file;
        this.delay = delay;
        this.recheckInterval = recheckInterval;
        this.clock = clock;
        this.loaded = fingerprint(file);
        this.current = loaded;
        this.lastRead = clock.instant();
    }

    Path file() {
        return file;
    }

    /** When the change was first seen, if the mounted file differs from the loaded one. */
    synchronized Optional<Instant> changeSeenAt() {
        refresh();
        return Optional.ofNullable(changeSeenAt);
    }

    /** Whether the process should restart now to trust what is mounted. */
    synchronized boolean restartDue() {
        return changeSeenAt()
                .map(seen -> !clock.instant().isBefore(seen.plus(delay)))
                .orElse(false);
    }

    Duration delay() {
        return delay;
    }

    private void refresh() {
        Instant now = clock.instant();
        if (now.isBefore(lastRead.plus(recheckInterval))) {
            return;
        }
        lastRead = now;
        String mounted = fingerprint(file);
        // a file missing for a moment (the kubelet swaps the volume's ..data link) is no change
        if (mounted == null || mounted.equals(current)) {
            return;
        }
        current = mounted;
        if (mounted.equals(loaded)) {
            changeSeenAt = null;
        } else if (changeSeenAt == null) {
            changeSeenAt = now;
        }
    }

    /** The SHA-256 of the file's bytes, or null when it cannot be read now. */
    private static String fingerprint(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
