package org.backcare.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.backcare.infra.PostgresServer;
import org.backcare.infra.Topics;

/**
 * Everything the system has stored, as counts: the rows of every table of the three databases (with a digest of
 * their contents) and the end offsets of every topic. Two equal snapshots mean nothing was written in between.
 */
record StoredState(Map<String, String> tables, Map<String, Long> topics) {

    /** The state once nothing moves any more (the outbox relayed, the projections caught up). */
    static StoredState settled(LocalStack stack) {
        StoredState[] last = {of(stack)};
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofSeconds(1))
                .until(() -> {
                    StoredState now = of(stack);
                    boolean same = now.equals(last[0]);
                    last[0] = now;
                    return same;
                });
        return last[0];
    }

    static StoredState of(LocalStack stack) {
        Map<String, String> tables = new TreeMap<>();
        for (String database : List.of("catalog", "session", "progress")) {
            String url = stack.infrastructure().postgres().jdbcUrl(database);
            try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
                    Statement s = c.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet r =
                        s.executeQuery("select table_name from information_schema.tables where table_schema = 'public'"
                                + " and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'")) {
                    while (r.next()) {
                        names.add(r.getString(1));
                    }
                }
                for (String table : names) {
                    try (ResultSet r = s.executeQuery("select count(*), coalesce(md5(string_agg(t::text, ','"
                            + " order by t::text)), '') from " + table + " t")) {
                        r.next();
                        tables.put(database + "." + table, r.getLong(1) + " rows " + r.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read " + database, e);
            }
        }
        Map<String, Long> topics = new TreeMap<>();
        try (Admin admin = stack.infrastructure().kafka().admin()) {
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (var topic : Topics.ALL) {
                for (int p = 0; p < topic.partitions(); p++) {
                    request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
                }
            }
            admin.listOffsets(request)
                    .all()
                    .get()
                    .forEach((tp, info) -> topics.merge(tp.topic(), info.offset(), Long::sum));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the topics' offsets", e);
        }
        return new StoredState(tables, topics);
    }
}
