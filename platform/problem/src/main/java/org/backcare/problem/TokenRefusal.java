package org.backcare.problem;

import java.util.Locale;

/**
 * Why a bearer token was refused, in words a client developer can act on: no token, expired, another issuer,
 * another audience, a signature that does not verify, not a token at all. Read from the verifier's message along
 * the exception's causes; nothing of the token, the keys or the expected values is repeated.
 */
public final class TokenRefusal {

    private TokenRefusal() {}

    /** The reason for a 401, and the RFC 6750 error code to go with it. */
    public record Reason(String detail, String error) {

        /** The WWW-Authenticate challenge of RFC 6750 with this reason. */
        public String challenge() {
            return error == null ? "Bearer" : "Bearer error=\"" + error + "\", error_description=\"" + detail + "\"";
        }
    }

    /**
     * Why {@code bearer} (the token sent, or null) was refused. A token whose signature does not verify is first
     * read without trust, only to tell "another issuer" (its {@code iss} is not {@code trustedIssuer}) from a forged
     * or damaged one.
     */
    public static Reason of(Throwable failure, String bearer, String trustedIssuer) {
        if (bearer == null || bearer.isBlank()) {
            return new Reason("a valid bearer token is required", null);
        }
        Reason reason = of(failure);
        if (reason.detail().contains("signature") && trustedIssuer != null) {
            String issuer = unverifiedIssuer(bearer);
            if (issuer != null && !strip(issuer).equals(strip(trustedIssuer))) {
                return invalid("the token was issued by another issuer than this service trusts");
            }
        }
        return reason;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The iss claim of a JWT read without verifying it (null when it is not a readable JWT). */
    static String unverifiedIssuer(String jwt) {
        String[] parts = jwt.trim().split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            String payload = new String(
                    java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"iss\"\\s*:\\s*\"([^\"]*)\"")
                    .matcher(payload);
            return m.find() ? m.group(1) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Reason of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("no subject")) {
                return invalid("the token names no subject (sub claim): it does not stand for a person");
            }
            if (message.contains("expiration time") || message.contains("expired")) {
                return invalid("the token has expired: get a new one");
            }
            if (message.contains("issuer")) {
                return invalid("the token was issued by another issuer than this service trusts");
            }
            if (message.contains("audience")) {
                return invalid("the token is not meant for this service (its audience does not name it)");
            }
            if (message.contains("signature")) {
                return invalid("the token's signature does not verify");
            }
            if (message.contains("not before") || message.contains("nbf")) {
                return invalid("the token is not valid yet");
            }
            if (message.contains("jose")
                    || message.contains("jws")
                    || message.contains("malformed")
                    || message.contains("compact serialization")) {
                return invalid("the bearer token is not a well-formed JWT");
            }
        }
        return invalid("the bearer token is not valid");
    }

    private static Reason invalid(String detail) {
        return new Reason(detail, "invalid_token");
    }
}
