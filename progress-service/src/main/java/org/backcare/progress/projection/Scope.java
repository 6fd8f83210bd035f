package org.backcare.progress.projection;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.backcare.progress.projection.Touched.ExerciseDay;
import org.backcare.progress.projection.Touched.UserDay;

/**
 * Which keys a rollup recomputes: everything (a rebuild) or the keys a live batch touched. A rollup's SQL names its
 * key with a placeholder, {@code {sessions}}, {@code {exercise_days}}, {@code {days}} or {@code {users}} (optionally
 * with a table alias, {@code {days:s.}}); {@link #prepare} turns it into {@code true} for everything, or into a
 * membership test against the touched keys, bound as arrays. {@code {appended}} is the test for the sets a live batch
 * appended ({@code false} for everything).
 */
public final class Scope {

    private static final Pattern KEY =
            Pattern.compile("\\{(sessions|exercise_days|days|users|appended)(?::(\\w+\\.))?}");

    private final boolean everything;
    private final Touched touched;

    private Scope(boolean everything, Touched touched) {
        this.everything = everything;
        this.touched = touched;
    }

    /** Every key: a rebuild's rollups, from all the facts. */
    public static Scope everything() {
        return new Scope(true, new Touched());
    }

    /** The keys a live batch touched. */
    public static Scope of(Touched touched) {
        return new Scope(false, touched);
    }

    public boolean isEverything() {
        return everything;
    }

    /** True when a live batch touched nothing: there is nothing to recompute. */
    public boolean isEmpty() {
        return !everything
                && touched.sessions.isEmpty()
                && touched.days.isEmpty()
                && touched.exerciseDays.isEmpty()
                && touched.appendedSets.isEmpty();
    }

    /** True when there are keys to recompute: everything, or keys a live batch touched other than by appending sets. */
    boolean recomputes() {
        return everything || !touched.sessions.isEmpty() || !touched.days.isEmpty() || !touched.exerciseDays.isEmpty();
    }

    /** True when a live batch appended sets, which the merging rollups add to their rows. */
    boolean hasAppended() {
        return !everything && !touched.appendedSets.isEmpty();
    }

    /** This scope with the appended sets' keys among the keys to recompute: the scope of a rollup that does not merge. */
    Scope withAppendedKeys() {
        return everything ? this : new Scope(false, touched.withAppendedKeys());
    }

    /** The users of the touched days (every rollup keyed by user follows its days). */
    Set<String> users() {
        return touched.days.stream().map(UserDay::userId).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Prepares {@code sql} with each key placeholder replaced by this scope's filter, and its arrays bound. */
    public PreparedStatement prepare(Connection c, String sql) throws SQLException {
        Matcher m = KEY.matcher(sql);
        StringBuilder out = new StringBuilder();
        List<String> keys = new ArrayList<>();
        while (m.find()) {
            String alias = m.group(2) == null ? "" : m.group(2);
            String all = m.group(1).equals("appended") ? "false" : "true";
            m.appendReplacement(out, Matcher.quoteReplacement(everything ? all : filter(m.group(1), alias)));
            keys.add(m.group(1));
        }
        m.appendTail(out);
        PreparedStatement s = c.prepareStatement(out.toString());
        if (!everything) {
            int i = 1;
            for (String key : keys) {
                i = bind(c, s, i, key);
            }
        }
        return s;
    }

    private static String filter(String key, String a) {
        return switch (key) {
            case "sessions" -> a + "session_id = any(?::uuid[])";
            case "exercise_days" ->
                "(" + a + "user_id, " + a + "exercise_id, " + a + "side, " + a + "local_day) in"
                        + " (select * from unnest(?::text[], ?::uuid[], ?::text[], ?::date[]))";
            case "days" -> "(" + a + "user_id, " + a + "local_day) in (select * from unnest(?::text[], ?::date[]))";
            case "users" -> a + "user_id = any(?::text[])";
            case "appended" -> a + "set_id = any(?::uuid[])";
            default -> throw new IllegalArgumentException(key);
        };
    }

    private int bind(Connection c, PreparedStatement s, int i, String key) throws SQLException {
        switch (key) {
            case "sessions" -> s.setArray(i++, c.createArrayOf("uuid", touched.sessions.toArray()));
            case "exercise_days" -> {
                Set<ExerciseDay> k = touched.exerciseDays;
                s.setArray(
                        i++,
                        c.createArrayOf(
                                "text", k.stream().map(ExerciseDay::userId).toArray()));
                s.setArray(
                        i++,
                        c.createArrayOf(
                                "uuid", k.stream().map(ExerciseDay::exerciseId).toArray()));
                s.setArray(
                        i++,
                        c.createArrayOf(
                                "text", k.stream().map(ExerciseDay::side).toArray()));
                s.setArray(
                        i++,
                        c.createArrayOf(
                                "date",
                                k.stream().map(d -> Date.valueOf(d.day())).toArray()));
            }
            case "days" -> {
                Set<UserDay> k = touched.days;
                s.setArray(
                        i++,
                        c.createArrayOf("text", k.stream().map(UserDay::userId).toArray()));
                s.setArray(
                        i++,
                        c.createArrayOf(
                                "date",
                                k.stream().map(d -> Date.valueOf(d.day())).toArray()));
            }
            case "users" -> s.setArray(i++, c.createArrayOf("text", users().toArray()));
            case "appended" -> s.setArray(i++, c.createArrayOf("uuid", touched.appendedSets.toArray()));
            default -> throw new IllegalArgumentException(key);
        }
        return i;
    }
}
