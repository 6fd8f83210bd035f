package org.backcare.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.backcare.progress.Events.*;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backcare.infra.quarkus.TestTokens;
import org.backcare.progress.ingest.SessionEventParser;
import org.backcare.progress.projection.ProgressProjector;
import org.junit.jupiter.api.Test;

/**
 * workout.user.erased.v1: every row of the person goes, in every table that names a user (found in the database's
 * catalogue, not from a list in the code), with the coach shares in both directions; other people keep theirs; the
 * person's progress reads as a new user's; a redelivered erasure changes nothing more.
 */
@QuarkusTest
@ProgressTestResources
class ErasureTest {

    @Inject
    SessionEventParser parser;

    @Inject
    ProgressProjector projector;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Test
    void anErasureLeavesNoRowOfThePersonInAnyTableAndTouchesNobodyElse() throws Exception {
        clock.set("2026-11-24T12:00:00Z");
        String erin = id();
        String otto = id();
        String coach = id();
        apply(Workouts.twoDaysOf(erin));
        apply(Workouts.twoDaysOf(otto));
        signIn(erin, "erin-" + erin, "user");
        signIn(otto, "otto-" + otto, "user");
        signIn(coach, "kim-" + coach, "coach");
        share(erin, coach); // erin shares with a coach
        share(otto, erin); // and erin is someone's coach: the other direction
        share(otto, coach);
        assertThat(rowsOf(erin))
                .as("erin has rows in every table")
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isNotEmpty());
        Map<String, List<String>> ottoBefore = rowsOf(otto);
        List<String> coachSharesBefore = shares(coach);

        String erasure = erased(erin);
        assertThat(projector.apply(List.of(parser.parse(erasure)))).isEqualTo(1);

        assertThat(rowsOf(erin))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isEmpty());
        assertThat(shares(erin)).as("coach shares of erin, both directions").isEmpty();
        Map<String, List<String>> ottoAfterErasure = rowsOf(otto);
        Map<String, List<String>> ottoAfter = new LinkedHashMap<>(ottoAfterErasure);
        assertThat(ottoAfter.get("coach_share")).hasSize(1); // his share with erin went with her
        ottoBefore.remove("coach_share");
        ottoAfter.remove("coach_share");
        assertThat(ottoAfter).isEqualTo(ottoBefore);
        assertThat(shares(coach))
                .isEqualTo(coachSharesBefore.stream()
                        .filter(s -> !s.contains(erin))
                        .toList());
        String newcomer = id();
        assertThat(progress(erin).replace(erin, "someone"))
                .as("erin's progress reads as a new user's")
                .isEqualTo(progress(newcomer).replace(newcomer, "someone"));

        assertThat(projector.apply(List.of(parser.parse(erasure))))
                .as("redelivered: erased again")
                .isEqualTo(1);
        assertThat(rowsOf(erin))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isEmpty());
        assertThat(rowsOf(otto)).isEqualTo(ottoAfterErasure);
    }

    @Test
    void eventsAfterTheErasureInTheSameBatchStayWithTheirIds() throws Exception {
        String erin = id();
        List<String> before = Workouts.twoDaysOf(erin);
        String session = id();
        String start = started(erin, session, "2026-11-23T07:30:00+01:00", Workouts.ZONE, 2);
        String set = hold(erin, session, id(), CHIN_TO_CHEST, null, 30, 0, "2026-11-23T07:31:00+01:00", Workouts.ZONE);
        List<String> batch = new ArrayList<>(before);
        batch.add(erased(erin));
        batch.add(start);
        batch.add(set);

        projector.apply(batch.stream().map(parser::parse).toList());

        assertThat(column("select session_id from session_fact where user_id = ?", erin))
                .containsExactly(session);
        assertThat(column("select event_id from processed_event where user_id = ?", erin))
                .containsExactlyInAnyOrder(idOf(start), idOf(set));
        assertThat(column("select sets || '/' || hold_seconds from user_totals where user_id = ?", erin))
                .containsExactly("1/30");
    }

    private void apply(List<String> events) {
        projector.apply(events.stream().map(parser::parse).toList());
    }

    private static void signIn(String user, String username, String role) {
        given().auth()
                .oauth2(TestTokens.named(user, username, username + "@example.org", username, role))
                .get("/progress/me")
                .then()
                .statusCode(200);
    }

    private static void share(String user, String coach) {
        given().auth()
                .oauth2(TestTokens.user(user))
                .put("/progress/me/coaches/" + coach)
                .then()
                .statusCode(201);
    }

    private static String progress(String user) {
        return given().auth()
                .oauth2(TestTokens.user(user))
                .get("/progress/me")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** Every row naming the user, by table: each table with a user_id column, and the shares naming them as coach. */
    private Map<String, List<String>> rowsOf(String user) throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                var s = c.prepareStatement("""
                        select table_name from information_schema.columns
                        where table_schema = current_schema() and column_name = 'user_id' order by table_name""");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).contains("session_fact", "set_fact", "person", "processed_event", "coach_share");
        for (String table : tables) {
            String where = table.equals("coach_share") ? "user_id = ? or coach_id = ?" : "user_id = ?";
            String query = "select t::text from " + table + " t where " + where + " order by 1";
            rows.put(table, column(query, user));
        }
        return rows;
    }

    private List<String> shares(String user) throws Exception {
        return column(
                "select user_id || '>' || coach_id from coach_share where user_id = ? or coach_id = ? order by 1",
                user);
    }

    private List<String> column(String query, String user) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                var s = c.prepareStatement(query)) {
            for (int i = 1; i <= s.getParameterMetaData().getParameterCount(); i++) {
                s.setString(i, user);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
