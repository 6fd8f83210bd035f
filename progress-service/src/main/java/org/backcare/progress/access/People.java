package org.backcare.progress.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.backcare.progress.jdbc.Jdbc;

/** The people the service has seen, by their tokens' names: to find a coach by name and to show names, not ids. */
@ApplicationScoped
public class People {

    /** A person as their token names them. */
    public record Person(String userId, String username, String email, String displayName, boolean coach) {}

    /** How long a person this replica wrote is taken as known: a read with the same names writes nothing. */
    static final long KNOWN_FOR_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** At most this many people are kept as known (then the memory starts over). */
    static final int KNOWN_AT_MOST = 10_000;

    private record Written(Person person, long atNanos) {}

    private final Jdbc jdbc;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    public People(Jdbc jdbc, TransactionSynchronizationRegistry transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Remembers the caller as their token names them; writes only when something changed. Every read of progress
     * calls it, so a person this replica wrote in the last minute with the same names costs no statement; after
     * that minute (or once another replica or an erasure changed the row) the next read writes again.
     */
    public void remember(Person p) {
        long now = System.nanoTime();
        Written last = written.get(p.userId());
        if (last != null && last.person().equals(p) && now - last.atNanos() < KNOWN_FOR_NANOS) {
            return;
        }
        write(p);
        // inside a caller's transaction the row is written only if it commits: known from then on
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            known(p, now);
        } else {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        known(p, now);
                    }
                }
            });
        }
    }

    private void known(Person p, long atNanos) {
        if (written.size() >= KNOWN_AT_MOST) {
            written.clear();
        }
        written.put(p.userId(), new Written(p, atNanos));
    }

    /** One statement: inserts the person, or updates them where a name changed (autocommit, or the caller's). */
    private void write(Person p) {
        jdbc.update("""
                insert into person (user_id, username, email, display_name, coach) values (?, ?, ?, ?, ?)
                on conflict (user_id) do update set username = excluded.username, email = excluded.email,
                    display_name = excluded.display_name, coach = excluded.coach, seen_at = now()
                where (person.username, person.email, person.display_name, person.coach)
                      is distinct from (excluded.username, excluded.email, excluded.display_name, excluded.coach)""", s -> {
            s.setString(1, p.userId());
            s.setString(2, p.username());
            s.setString(3, p.email());
            s.setString(4, p.displayName());
            s.setBoolean(5, p.coach());
        });
    }

    /** The coach with that user name or e-mail (case does not matter), if they have signed in here. */
    public Optional<Person> coachNamed(String nameOrEmail) {
        return jdbc.queryFirst(
                """
                select user_id, username, email, display_name, coach from person
                where coach and (lower(username) = lower(?) or lower(email) = lower(?))
                order by lower(username) = lower(?) desc limit 1""",
                s -> {
                    s.setString(1, nameOrEmail);
                    s.setString(2, nameOrEmail);
                    s.setString(3, nameOrEmail);
                },
                People::person);
    }

    /** The people of these ids that the service knows, by id. */
    public Map<String, Person> byId(Collection<String> userIds) {
        Map<String, Person> people = new HashMap<>();
        if (userIds.isEmpty()) {
            return people;
        }
        jdbc.query(
                        "select user_id, username, email, display_name, coach from person where user_id = any(?)",
                        s -> s.setArray(1, s.getConnection().createArrayOf("text", userIds.toArray())),
                        People::person)
                .forEach(p -> people.put(p.userId(), p));
        return people;
    }

    private static Person person(ResultSet rs) throws SQLException {
        return new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5));
    }
}
