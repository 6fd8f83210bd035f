package org.backcare.progress.access;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/** Who a user shares their progress with. */
@ApplicationScoped
public class CoachShares {

    public record Share(String userId, String coachId, OffsetDateTime sharedAt) {}

    /** Shares; false when the share existed already. */
    public boolean share(String userId, String coachId) {
        return Panache.getEntityManager()
                        .createNativeQuery(
                                "insert into coach_share (user_id, coach_id) values (?1, ?2) on conflict do nothing")
                        .setParameter(1, userId)
                        .setParameter(2, coachId)
                        .executeUpdate()
                == 1;
    }

    /** Revokes; false when there was no share. */
    public boolean revoke(String userId, String coachId) {
        return Panache.getEntityManager()
                        .createNativeQuery("delete from coach_share where user_id = ?1 and coach_id = ?2")
                        .setParameter(1, userId)
                        .setParameter(2, coachId)
                        .executeUpdate()
                == 1;
    }

    public boolean isShared(String userId, String coachId) {
        return !Panache.getEntityManager()
                .createNativeQuery("select 1 from coach_share where user_id = ?1 and coach_id = ?2")
                .setParameter(1, userId)
                .setParameter(2, coachId)
                .getResultList()
                .isEmpty();
    }

    public List<Share> coachesOf(String userId) {
        return shares("user_id", userId);
    }

    public List<Share> sharedWith(String coachId) {
        return shares("coach_id", coachId);
    }

    @SuppressWarnings("unchecked")
    private List<Share> shares(String column, String id) {
        List<Object[]> rows = Panache.getEntityManager()
                .createNativeQuery(
                        "select user_id, coach_id, shared_at from coach_share where " + column
                                + " = ?1 order by shared_at, user_id, coach_id",
                        Object[].class)
                .setParameter(1, id)
                .getResultList();
        return rows.stream()
                .map(r -> new Share(
                        (String) r[0],
                        (String) r[1],
                        r[2] instanceof OffsetDateTime t
                                ? t
                                : ((java.time.Instant) r[2]).atOffset(java.time.ZoneOffset.UTC)))
                .toList();
    }
}
