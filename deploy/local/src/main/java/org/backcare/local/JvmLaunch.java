package org.backcare.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.backcare.infra.JavaRuntimes;

/**
 * The Java a Quarkus app runs on, with the JDK's AOT cache when it is asked for (BENCHMARKS.md, B6 and issue 22):
 * {@code BACKCARE_AOT=1} in the environment or {@code -Dbackcare.aot=true}, and a JDK 25 or newer found
 * ({@code BACKCARE_AOT_JAVA_HOME}, this JVM, {@code JAVA_HOME}, then /usr/lib/jvm and the like). The app then runs on
 * that JDK; with a cache {@code app.aot} beside its {@code quarkus-run.jar} that is newer than every file of the app it
 * maps the cache ({@code -XX:AOTCache}), classes loaded and linked, a third off the start; without one, or after a
 * rebuild, this run trains it ({@code -XX:AOTCacheOutput}): the JVM writes the cache when it exits after a graceful
 * stop, which takes 10 to 20 s more, so the next start uses it. Writing a cache that holds the classes of real requests
 * takes more metaspace than the services' 160 MB, so a training run gets 512 MB. Without either, the app runs on this
 * JVM as always.
 */
public record JvmLaunch(Path java, List<String> options, Path trainingOutput) {

    public static final String CACHE = "app.aot";

    /** What a training run writes; {@link #promote} makes it the cache once the JVM said it completed it. */
    static final String TRAINING_OUTPUT = CACHE + ".training";

    /** The launch of the app whose runner is {@code appJar}, as the environment asks. */
    public static JvmLaunch of(Path appJar) {
        boolean asked = "1".equals(System.getenv("BACKCARE_AOT")) || Boolean.getBoolean("backcare.aot");
        return of(appJar, asked, asked ? JavaRuntimes.homeAtLeast(25, "BACKCARE_AOT_JAVA_HOME") : Optional.empty());
    }

    static JvmLaunch of(Path appJar, boolean asked, Optional<Path> jdk25) {
        if (!asked || jdk25.isEmpty()) {
            return new JvmLaunch(JavaRuntimes.current(), List.of(), null);
        }
        Path java = jdk25.get().resolve("bin/java");
        Path cache = appJar.resolveSibling(CACHE);
        if (current(cache, appJar.getParent())) {
            return new JvmLaunch(java, List.of("-XX:AOTCache=" + cache), null);
        }
        Path output = appJar.resolveSibling(TRAINING_OUTPUT);
        return new JvmLaunch(java, List.of("-XX:AOTCacheOutput=" + output, "-XX:MaxMetaspaceSize=512m"), output);
    }

    /** This run trains the cache: it is written when the JVM exits. */
    public boolean training() {
        return trainingOutput != null;
    }

    /**
     * After a training run's JVM exited: its output becomes the cache when the JVM logged that it completed it
     * ({@code log}: the run's output, appended to it from byte {@code from} on), and is deleted otherwise (a JVM
     * stopped while writing it, say).
     */
    public void promote(Path log, long from) {
        if (!training()) {
            return;
        }
        try {
            // what the JVM records before it writes the cache; it deletes it itself unless it was stopped meanwhile
            Files.deleteIfExists(trainingOutput.resolveSibling(TRAINING_OUTPUT + ".config"));
            if (!Files.exists(trainingOutput)) {
                return;
            }
            String completed = "AOTCache creation is complete: " + trainingOutput;
            boolean done = Files.isRegularFile(log) && output(log, from).contains(completed);
            if (done) {
                Files.move(
                        trainingOutput,
                        trainingOutput.resolveSibling(CACHE),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.delete(trainingOutput);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long {@code log} is now: where the output of a run about to start will begin. */
    public static long logSize(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What a run appended to {@code log} from byte {@code from} on (the JVM's messages are ASCII). */
    private static String output(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int start = (int) Math.min(Math.max(from, 0), all.length);
        return new String(all, start, all.length - start, StandardCharsets.ISO_8859_1);
    }

    /** The cache exists and is newer than every other file of the app (its jars, its generated classes). */
    static boolean current(Path cache, Path app) {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(app)) {
            FileTime written = Files.getLastModifiedTime(cache);
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith(CACHE))
                    .allMatch(file -> modified(file).compareTo(written) < 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
