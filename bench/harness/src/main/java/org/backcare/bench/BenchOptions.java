package org.backcare.bench;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sizes of a run: the defaults are the (32 clients for 30 s, 1,000 x 20 imported, B3 at 80% of B1's measured
 * ingest (1,000 sets/s without B1), 1 and 10 years) and B4's 60,000 events (seeded in about 6 minutes on 2 cores, bound by the corrections and deletions: one
 * request each, about 25/s; {@code --events} sets another number, and
 * {@code --import-clients} B4's import requests in flight, 8 by default); {@code --quick} is a smoke run of the
 * harness itself, its figures mean nothing.
 */
record BenchOptions(
        Set<String> only,
        int clients,
        Duration warmUp,
        Duration duration,
        int importSessions,
        Integer freshnessRate,
        int rebuildEvents,
        int rebuildClients,
        int reportWarmUp,
        int reportRequests,
        int restarts) {

    static BenchOptions parse(String[] args) {
        List<String> list = List.of(args);
        boolean quick = list.contains("--quick");
        Set<String> only = new LinkedHashSet<>();
        Duration duration = Duration.ofSeconds(quick ? 5 : 30);
        Duration warmUp = Duration.ofSeconds(quick ? 2 : 10);
        Integer rate = null;
        Integer events = null;
        int importClients = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> only.addAll(List.of(args[++i].toUpperCase().split(",")));
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--warm-up" -> warmUp = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--events" ->
                    events = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
                case "--import-clients" -> importClients = Integer.parseInt(args[++i]);
                case "--quick" -> {}
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: bench/run [--only B1,B2,...] [--warm-up SECONDS] [--duration SECONDS] [--rate SETS_PER_S] [--events N]"
                            + " [--import-clients N] [--quick]");
            }
        }
        return new BenchOptions(
                only.isEmpty() ? Set.of("B1", "B2", "B3", "B4", "B5", "B6") : only,
                32,
                warmUp,
                duration,
                quick ? 100 : 1000,
                rate != null ? rate : quick ? 200 : null,
                events != null ? events : quick ? 20_000 : 60_000,
                importClients,
                quick ? 20 : 200,
                quick ? 50 : 1000,
                quick ? 1 : 3);
    }

    boolean runs(String id) {
        return only.contains(id);
    }
}
