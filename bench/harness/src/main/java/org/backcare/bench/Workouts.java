package org.backcare.bench;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies a phone would send: sessions and sets of the seed article's exercises (deploy/local's demo ids). */
final class Workouts {

    static final String ZONE = "Europe/Berlin";
    static final String CHIN_TO_CHEST = "6f1d2c3b-0a01-4e5f-8a10-000000000001";
    static final String EAR_TO_SHOULDER = "6f1d2c3b-0a01-4e5f-8a10-000000000002";
    static final String SHOULDER_ROLLS = "6f1d2c3b-0a01-4e5f-8a10-000000000003";
    static final String TOUCH_TOES = "6f1d2c3b-0a01-4e5f-8a10-000000000004";

    private Workouts() {}

    /** A session started an hour ago, open for sets recorded now. */
    static Map<String, Object> openSession(UUID id) {
        return Map.of(
                "id",
                id.toString(),
                "startedAt",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString(),
                "timeZone",
                ZONE,
                "painBefore",
                3);
    }

    /** {@link #hold(int)} of 30 seconds as the JSON wrk sends (B1's sets and B3's load). */
    static final String HOLD_JSON =
            "{\"exerciseId\":\"" + TOUCH_TOES + "\",\"holdSeconds\":30,\"targetHoldSeconds\":30,\"pain\":1}";

    /** One timed hold recorded now: the single-set POST of B1 and B3. */
    static Map<String, Object> hold(int seconds) {
        return Map.of("exerciseId", TOUCH_TOES, "holdSeconds", seconds, "targetHoldSeconds", 30, "pain", 1);
    }

    /**
     * A completed session on {@code day} at 07:30 in Berlin with {@code sets} sets cycling through four exercises
     * (holds, per side, reps), pain 4 before and 2 after: what an import from an offline phone carries.
     */
    static Map<String, Object> importedSession(LocalDate day, int sets, int variant) {
        OffsetDateTime start =
                day.atTime(LocalTime.of(7, 30)).atZone(ZoneId.of(ZONE)).toOffsetDateTime();
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < sets; i++) {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("id", UUID.randomUUID().toString());
            set.put("recordedAt", start.plusSeconds(30L * (i + 1)).toString());
            set.put("pain", (i + variant) % 4);
            switch (i % 4) {
                case 0 -> {
                    set.put("exerciseId", CHIN_TO_CHEST);
                    set.put("holdSeconds", 20 + (variant + i) % 15);
                    set.put("targetHoldSeconds", 30);
                }
                case 1, 2 -> {
                    set.put("exerciseId", EAR_TO_SHOULDER);
                    set.put("side", i % 4 == 1 ? "LEFT" : "RIGHT");
                    set.put("holdSeconds", 25 + (variant + i) % 10);
                    set.put("targetHoldSeconds", 30);
                }
                default -> {
                    set.put("exerciseId", SHOULDER_ROLLS);
                    set.put("reps", 8 + (variant + i) % 5);
                    set.put("targetReps", 10);
                }
            }
            list.add(set);
        }
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", UUID.randomUUID().toString());
        session.put("startedAt", start.toString());
        session.put("endedAt", start.plusSeconds(30L * (sets + 1)).toString());
        session.put("timeZone", ZONE);
        session.put("painBefore", 4);
        session.put("painAfter", 2);
        session.put("sets", list);
        return session;
    }
}
