package org.backcare.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** A process's CPU time (user + system, all its threads) from /proc/PID/stat, in clock ticks. */
final class CpuTime {

    private static volatile long ticksPerSecond;

    private CpuTime() {}

    /** utime + stime: fields 14 and 15 of /proc/PID/stat (counted after the command name, which may hold spaces). */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state), so field 14 is fields[11] and field 15 fields[12]
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * In one pass over /proc, the CPU time of the processes each of {@code groups} matches by command line (its
     * arguments joined by spaces), in the groups' order: PostgreSQL's server and backends, the Kafka broker. A
     * process that ends between two readings takes its ticks with it, so read this around a window in which the
     * processes live on (pooled connections' backends do).
     */
    static long[] ticksOf(List<Predicate<String>> groups) {
        long[] sums = new long[groups.size()];
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")))
                            .replace('\0', ' ')
                            .trim();
                    long ticks = -1;
                    for (int i = 0; i < sums.length; i++) {
                        if (groups.get(i).test(cmdline)) {
                            ticks = ticks < 0 ? ticks(Long.parseLong(name)) : ticks;
                            sums[i] += ticks;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while it was read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sums;
    }

    /** PostgreSQL's processes: the server ({@code .../bin/postgres -D ...}) and its backends ({@code postgres: ...}). */
    static boolean isPostgres(String cmdline) {
        return cmdline.startsWith("postgres:") || cmdline.split(" ", 2)[0].endsWith("/bin/postgres");
    }

    /** PostgreSQL's backends connected to {@code database} ({@code postgres: user database host(port) state}). */
    static boolean isPostgresBackendOf(String database, String cmdline) {
        String[] words = cmdline.split(" ");
        return cmdline.startsWith("postgres: ") && words.length > 2 && words[2].equals(database);
    }

    /** The Kafka broker's JVM. */
    static boolean isKafkaBroker(String cmdline) {
        return cmdline.contains(" kafka.Kafka ");
    }

    /**
     * The whole machine's busy time, all processes and cores: the first line of /proc/stat (user, nice, system, irq,
     * softirq, steal; not idle and iowait), in the same clock ticks.
     */
    static long machineBusyTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** getconf CLK_TCK (100 on Linux almost everywhere). */
    static long ticksPerSecond() {
        if (ticksPerSecond == 0) {
            String out = Processes.run(List.of("getconf", "CLK_TCK"), Path.of("."), Duration.ofSeconds(10));
            ticksPerSecond = Long.parseLong(out.trim());
        }
        return ticksPerSecond;
    }

    /** Milliseconds of CPU per request for {@code ticks} over {@code requests}. */
    static double millisPer(long ticks, long requests) {
        return requests == 0 ? Double.NaN : ticks * 1000.0 / ticksPerSecond() / requests;
    }
}
