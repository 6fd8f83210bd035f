package org.backcare.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.progress.Events.id;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.backcare.progress.access.People;
import org.junit.jupiter.api.Test;

/**
 * Every read of progress remembers the caller; a person this replica wrote a moment ago with the same names costs no
 * statement, a changed name is written at once, and a write that rolled back with its caller's transaction is not
 * taken as done.
 */
@QuarkusTest
@ProgressTestResources
class PeopleTest {

    @Inject
    People people;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPersonSeenAgainWithTheSameNamesIsNotWrittenAgainButAChangedNameIs() throws Exception {
        String user = id();
        people.remember(new People.Person(user, "pat-" + user, "pat@example.org", "Pat", false));
        assertThat(emailOf(user)).contains("pat@example.org");

        delete(user);
        people.remember(new People.Person(user, "pat-" + user, "pat@example.org", "Pat", false));
        assertThat(emailOf(user))
                .as("the same person a moment later: no statement")
                .isEmpty();

        people.remember(new People.Person(user, "pat-" + user, "pat@example.com", "Pat", false));
        assertThat(emailOf(user)).contains("pat@example.com");
    }

    @Test
    void aPersonWrittenInATransactionThatRolledBackIsWrittenAtTheNextRead() throws Exception {
        String user = id();
        People.Person person = new People.Person(user, "sam-" + user, null, "Sam", true);
        QuarkusTransaction.begin();
        people.remember(person);
        QuarkusTransaction.rollback();
        assertThat(emailOf(user)).isEmpty();

        people.remember(person);

        assertThat(people.byId(List.of(user))).containsKey(user);
    }

    private Optional<String> emailOf(String user) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select coalesce(email, '') from person where user_id = ?")) {
            s.setString(1, user);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void delete(String user) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("delete from person where user_id = ?")) {
            s.setString(1, user);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
