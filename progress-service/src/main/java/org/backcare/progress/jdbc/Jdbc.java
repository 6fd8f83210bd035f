package org.backcare.progress.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The module's one way to the database: plain JDBC over the Agroal {@link DataSource}. A connection taken inside a
 * transaction ({@code @Transactional} or {@code QuarkusTransaction}, the module's one transaction model) is enlisted
 * in it, so every statement of a transaction runs on one connection and commits or rolls back together; outside one,
 * each statement commits on its own (reads). {@link SQLException}s leave as {@link DataAccessException}.
 */
@ApplicationScoped
public class Jdbc {

    /** Binds a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work on the connection (of the current transaction, if any). */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The rows {@code sql} answers, each mapped. */
    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return with(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(mapper.map(rs));
                    }
                }
                return rows;
            }
        });
    }

    /** The first row {@code sql} answers, if any. */
    public <T> Optional<T> queryFirst(String sql, Binder binder, RowMapper<T> mapper) {
        return query(sql, binder, mapper).stream().findFirst();
    }

    /** Runs an insert, update or delete; answers how many rows it changed. */
    public int update(String sql, Binder binder) {
        return with(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                return s.executeUpdate();
            }
        });
    }

    /** Runs {@code work} on a connection (enlisted in the current transaction, if any), then closes it. */
    public <T> T with(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.on(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** A nullable integer column. */
    public static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
