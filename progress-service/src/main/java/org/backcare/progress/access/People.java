package org.backcare.progress.access;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The people the service has seen, by their tokens' names: to find a coach by name and to show names, not ids. */
@ApplicationScoped
public class People {

    /** A person as their token names them. */
    public record Person(String userId, String username, String email, String displayName, boolean coach) {}

    /** Remembers the caller as their token names them; writes only when something changed. */
    @Transactional
    public void remember(Person p) {
        Panache.getEntityManager()
                .createNativeQuery("""
                        insert into person (user_id, username, email, display_name, coach) values (?1, ?2, ?3, ?4, ?5)
                        on conflict (user_id) do update set username = excluded.username, email = excluded.email,
                            display_name = excluded.display_name, coach = excluded.coach, seen_at = now()
                        where (person.username, person.email, person.display_name, person.coach)
                              is distinct from (excluded.username, excluded.email, excluded.display_name, excluded.coach)""")
                .setParameter(1, p.userId())
                .setParameter(2, p.username())
                .setParameter(3, p.email())
                .setParameter(4, p.displayName())
                .setParameter(5, p.coach())
                .executeUpdate();
    }

    /** The coach with that user name or e-mail (case does not matter), if they have signed in here. */
    @SuppressWarnings("unchecked")
    public Optional<Person> coachNamed(String nameOrEmail) {
        List<Object[]> rows = Panache.getEntityManager()
                .createNativeQuery("""
                        select user_id, username, email, display_name, coach from person
                        where coach and (lower(username) = lower(?1) or lower(email) = lower(?1))
                        order by lower(username) = lower(?1) desc limit 1""", Object[].class)
                .setParameter(1, nameOrEmail)
                .getResultList();
        return rows.stream().findFirst().map(People::person);
    }

    /** The people of these ids that the service knows, by id. */
    @SuppressWarnings("unchecked")
    public Map<String, Person> byId(Collection<String> userIds) {
        Map<String, Person> people = new HashMap<>();
        if (userIds.isEmpty()) {
            return people;
        }
        List<Object[]> rows = Panache.getEntityManager()
                .createNativeQuery(
                        "select user_id, username, email, display_name, coach from person where user_id = any(?1)",
                        Object[].class)
                .setParameter(1, userIds.toArray(String[]::new))
                .getResultList();
        rows.stream().map(People::person).forEach(p -> people.put(p.userId(), p));
        return people;
    }

    private static Person person(Object[] r) {
        return new Person((String) r[0], (String) r[1], (String) r[2], (String) r[3], Boolean.TRUE.equals(r[4]));
    }
}
