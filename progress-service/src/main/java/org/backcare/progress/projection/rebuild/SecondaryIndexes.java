package org.backcare.progress.projection.rebuild;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A rebuild drops the projections' secondary indexes while it bulk-writes and builds them again at the end; their
 * definitions are kept in rebuild_dropped_index, so an interrupted rebuild's are built again on the next start.
 */
final class SecondaryIndexes {

    private final Connection c;

    SecondaryIndexes(Connection connection) {
        this.c = connection;
    }

    /**
     * Drops the secondary indexes of {@code tables} (not the primary keys the writes rely on), remembering their
     * definitions in rebuild_dropped_index in the same transaction; answers how many.
     */
    int dropSecondaryIndexes(List<String> tables) throws SQLException {
        List<String[]> indexes = new ArrayList<>();
        try (var s = c.prepareStatement("""
                select i.indexname, i.indexdef from pg_indexes i
                where i.schemaname = current_schema() and i.tablename = any(?::text[])
                  and not exists (select 1 from pg_constraint k where k.conname = i.indexname)""")) {
            s.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        try (var save = c.prepareStatement(
                        "insert into rebuild_dropped_index (name, definition) values (?, ?) on conflict do nothing");
                Statement drop = c.createStatement()) {
            for (String[] index : indexes) {
                save.setString(1, index[0]);
                save.setString(2, index[1]);
                save.executeUpdate();
                drop.execute("drop index " + quoted(index[0]));
            }
        }
        return indexes.size();
    }

    /** Builds again every index a rebuild dropped (also after an interrupted one); answers how many. */
    int restoreIndexes() throws SQLException {
        List<String[]> indexes = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name, definition from rebuild_dropped_index order by name")) {
            while (rs.next()) {
                indexes.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] index : indexes) {
                s.execute(index[1].replaceFirst("^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS "));
            }
            s.execute("delete from rebuild_dropped_index");
        }
        return indexes.size();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
