package org.backcare.progress.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import org.backcare.progress.jdbc.Jdbc;

/** Who a user shares their progress with. */
@ApplicationScoped
public class CoachShares {

    public record Share(String userId, String coachId, OffsetDateTime sharedAt) {}

    private final Jdbc jdbc;

    public CoachShares(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Shares; false when the share existed already. */
    public boolean share(String userId, String coachId) {
        return jdbc.update("insert into coach_share (user_id, coach_id) values (?, ?) on conflict do nothing", s -> {
                    s.setString(1, userId);
                    s.setString(2, coachId);
                })
                == 1;
    }

    /** Revokes; false when there was no share. */
    public boolean revoke(String userId, String coachId) {
        return jdbc.update("delete from coach_share where user_id = ? and coach_id = ?", s -> {
                    s.setString(1, userId);
                    s.setString(2, coachId);
                })
                == 1;
    }

    public boolean isShared(String userId, String coachId) {
        return jdbc.queryFirst(
                        "select 1 from coach_share where user_id = ? and coach_id = ?",
                        s -> {
                            s.setString(1, userId);
                            s.setString(2, coachId);
                        },
                        rs -> true)
                .isPresent();
    }

    public List<Share> coachesOf(String userId) {
        return shares("user_id", userId);
    }

    public List<Share> sharedWith(String coachId) {
        return shares("coach_id", coachId);
    }

    private List<Share> shares(String column, String id) {
        return jdbc.query(
                "select user_id, coach_id, shared_at from coach_share where " + column
                        + " = ? order by shared_at, user_id, coach_id",
                s -> s.setString(1, id),
                rs -> new Share(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)));
    }
}
