package org.backcare.progress;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every projection table, rows as text in key order, without the bookkeeping timestamps: what "identical" means. */
public final class ProjectionTables {

    private ProjectionTables() {}

    /**
     * What a person's progress is made of: every projection table but the processed-event ids, and the set facts
     * without the tombstones of deleted sets (a rebuild from the session database has no trace of a deleted set;
     * the live consumer keeps a tombstone). What a rebuild from the history must leave as the live consumer does.
     */
    public static Map<String, List<String>> figures(Connection c) throws SQLException {
        Map<String, List<String>> tables = read(c, false);
        tables.remove("processed_event");
        tables.put(
                "set_fact",
                tables.get("set_fact").stream().filter(r -> !r.endsWith("|t|")).toList());
        return tables;
    }

    static Map<String, List<String>> read(Connection c, boolean withIndexes) throws SQLException {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("processed_event", "select event_id, type from processed_event order by 1");
        queries.put("session_fact", "select * from session_fact order by session_id");
        queries.put("set_fact", "select * from set_fact order by set_id");
        queries.put("daily_exercise", "select * from daily_exercise order by 1, 2, 3, 4");
        queries.put("daily_activity", "select * from daily_activity order by 1, 2");
        queries.put("active_run", "select * from active_run order by 1, 2");
        queries.put("pain_flag", "select * from pain_flag order by 1, 2");
        queries.put("user_totals", "select user_id, sessions, sets, hold_seconds, reps from user_totals order by 1");
        queries.put("user_profile", "select * from user_profile order by 1");
        if (withIndexes) {
            // a rebuild drops the secondary indexes while it writes and must leave every one of them behind
            queries.put("indexes", "select indexdef from pg_indexes where schemaname = 'public' order by 1");
        }
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (var q : queries.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(q.getValue())) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                tables.put(q.getKey(), rows);
            }
        }
        return tables;
    }
}
