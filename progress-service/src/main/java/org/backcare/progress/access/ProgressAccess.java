package org.backcare.progress.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whose progress the caller may read. Their own, always; another user's when the caller is an admin, or a coach
 * that user shares with. Anything else answers 404, exactly as for a user who does not exist, so a caller learns
 * nothing about who has progress.
 */
@RequestScoped
public class ProgressAccess {

    public static final String USER = "user";
    public static final String COACH = "coach";
    public static final String ADMIN = "admin";

    /** Keycloak user ids are UUIDs; other issuers' subjects stay within this alphabet. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final CoachShares shares;
    private final People people;

    public ProgressAccess(SecurityIdentity identity, JsonWebToken token, CoachShares shares, People people) {
        this.identity = identity;
        this.token = token;
        this.shares = shares;
        this.people = people;
    }

    /**
     * The caller: the token's subject. A token that verifies but names no subject (a client-credentials token of
     * some issuers, a hand-made one) says nobody whose progress this is: 401, never a 500 further down.
     */
    public String me() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new NoSubjectException();
        }
        return subject;
    }

    /**
     * Remembers the caller by the names their token gives (user name, e-mail, display name, coach or not), so
     * others can share with them by name and see their name, never a UUID. A token without a user name leaves
     * nothing.
     */
    public void rememberMe() {
        String username = token.getClaim("preferred_username");
        if (username == null || username.isBlank()) {
            return;
        }
        String name = token.getClaim("name");
        people.remember(new People.Person(
                me(),
                username,
                token.getClaim("email"),
                name == null || name.isBlank() ? username : name,
                identity.hasRole(COACH)));
    }

    /** How a page names the person: their display name where the service knows it, else "you" or "this person". */
    public String nameOf(String userId) {
        People.Person person = people.byId(List.of(userId)).get(userId);
        if (person != null && person.displayName() != null) {
            return person.displayName();
        }
        return userId.equals(me()) ? "you" : "a person who shares with you";
    }

    /** {@code userId} when the caller may read that user's progress; 404 otherwise. */
    public String readable(String userId) {
        if (userId != null && userId.equals(me())) {
            return userId;
        }
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new NotReadableException("progress of user " + shorten(userId));
        }
        if (identity.hasRole(ADMIN) || (identity.hasRole(COACH) && shares.isShared(userId, me()))) {
            return userId;
        }
        throw new NotReadableException("progress of user " + userId);
    }

    /** A coach id from a path: the user id of someone in the realm. */
    public static String coachId(String value) {
        if (value == null || !USER_ID.matcher(value).matches()) {
            throw new InvalidIdException("coachUserId", "not a user id");
        }
        return value;
    }

    private static String shorten(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[^A-Za-z0-9._@:-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
