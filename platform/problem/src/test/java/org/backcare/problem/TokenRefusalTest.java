package org.backcare.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.AuthenticationFailedException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A refused token's 401 says why, in words a client developer can act on, and never repeats the token. */
class TokenRefusalTest {

    private static final String TRUSTED = "http://localhost:8180/realms/workout-tracker";

    private static String jwt(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static TokenRefusal.Reason refusal(String message, String bearer) {
        return TokenRefusal.of(
                new AuthenticationFailedException(new RuntimeException("wrapped", new RuntimeException(message))),
                bearer,
                TRUSTED);
    }

    @Test
    void withoutATokenTheChallengeIsBareBearer() {
        TokenRefusal.Reason reason = TokenRefusal.of(new AuthenticationFailedException(), null, TRUSTED);

        assertThat(reason.detail()).isEqualTo("a valid bearer token is required");
        assertThat(reason.challenge()).isEqualTo("Bearer");
    }

    @Test
    void anExpiredTokenSaysToGetANewOne() {
        TokenRefusal.Reason reason = refusal(
                "The JWT is no longer valid - the evaluation time is on or after " + "the expiration time",
                jwt("{\"iss\":\"" + TRUSTED + "\"}"));

        assertThat(reason.detail()).isEqualTo("the token has expired: get a new one");
        assertThat(reason.challenge())
                .isEqualTo(
                        "Bearer error=\"invalid_token\", error_description=\"the token has expired: get a new one\"");
    }

    @Test
    void aTokenWithoutASubjectSaysSo() {
        TokenRefusal.Reason reason = refusal("the token names no subject (sub claim)", jwt("{}"));

        assertThat(reason.detail()).contains("no subject");
        assertThat(reason.error()).isEqualTo("invalid_token");
    }

    @Test
    void aSignatureThatDoesNotVerifyFromAnotherIssuerSaysAnotherIssuer() {
        String foreign = jwt("{\"iss\":\"https://evil.example.com/realms/x\",\"sub\":\"a\"}");

        assertThat(refusal("JWS signature verification failed", foreign).detail())
                .isEqualTo("the token was issued by another issuer than this service trusts");
        assertThat(refusal("JWS signature verification failed", jwt("{\"iss\":\"" + TRUSTED + "/\"}"))
                        .detail())
                .isEqualTo("the token's signature does not verify");
    }

    @Test
    void somethingThatIsNotAJwtSaysSo() {
        assertThat(refusal("Invalid JOSE Compact Serialization", "not-a-token").detail())
                .isEqualTo("the bearer token is not a well-formed JWT");
        assertThat(TokenRefusal.unverifiedIssuer("not-a-token")).isNull();
        assertThat(TokenRefusal.unverifiedIssuer("a.%%%.c")).isNull();
    }

    @Test
    void anUnknownReasonIsStillAnInvalidTokenWithoutDetailsOfTheToken() {
        String token = jwt("{\"iss\":\"" + TRUSTED + "\",\"secret\":\"s3cr3t\"}");

        TokenRefusal.Reason reason = refusal("something else entirely", token);

        assertThat(reason.detail()).isEqualTo("the bearer token is not valid");
        assertThat(reason.challenge()).doesNotContain(token).doesNotContain("s3cr3t");
    }
}
