package dev.amfa.http;

import dev.amfa.TestService;
import dev.amfa.callers.ApiKey;
import dev.amfa.challenges.ChallengeFlows;
import dev.amfa.totp.Base32;
import dev.amfa.totp.Totp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, finding 1, request by request: a key acts only for its orgs, and only on what it created; the admin
 * token acts for every org. "oidc" and "portal" both serve acme, "ldap" serves bank.
 */
class KeyScopeTest {
    private static final String OIDC = "key-oidc";
    private static final String PORTAL = "key-portal";
    private static final String LDAP = "key-ldap";
    private static final String ADMIN = TestService.ADMIN_TOKEN;
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.config().withAuth(ADMIN, List.of(ApiKey.of("oidc", OIDC, "acme"),
                ApiKey.of("portal", PORTAL, "acme"), ApiKey.of("ldap", LDAP, "bank"))));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static HttpResponse<Buffer> post(String bearer, String path, JsonObject body) {
        return service.call(HttpMethod.POST, path, bearer, body);
    }

    /** A login of the user from a device never seen before, by the given service: challenged. */
    private static String challenged(String bearer, String user, JsonArray enrolled) {
        JsonObject login = Logins.login(user, Logins.BOXFORD_GB, user + "-" + UUID.randomUUID(), Logins.CHROME_WINDOWS,
                Instant.now());
        login.getJsonObject("user").put("enrolled_factors", enrolled);
        var response = post(bearer, "/v1/evaluate", login);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        assertEquals("challenge", response.bodyAsJsonObject().getString("action"));
        return response.bodyAsJsonObject().getString("evaluation_id");
    }

    private static HttpResponse<Buffer> startChallenge(String bearer, String evaluationId, String factor) {
        return post(bearer, "/v1/challenges", new JsonObject().put("evaluation_id", evaluationId).put("factor", factor));
    }

    private static HttpResponse<Buffer> verify(String bearer, String challengeId, String code) {
        return post(bearer, "/v1/challenges/" + challengeId + "/verify", new JsonObject().put("code", code));
    }

    private static JsonObject acme() {
        return new JsonObject().put("org", "acme");
    }

    private static String totp(JsonObject enrolment, long step) {
        return Totp.code(Base32.decode(enrolment.getString("secret")), step, Totp.DIGITS, Totp.SHA1);
    }

    private static void assertForbiddenOrg(HttpResponse<Buffer> response) {
        assertEquals(403, response.statusCode(), response.bodyAsString());
        assertEquals("forbidden", response.bodyAsJsonObject().getString("error"));
        assertEquals("org", response.bodyAsJsonObject().getString("field"));
    }

    @Test
    void aKeyActsOnlyForItsOrgsAndTheAdminForEvery() {
        assertForbiddenOrg(post(LDAP, "/v1/evaluate", Logins.login("alice", Logins.BOXFORD_GB, Logins.T0)));
        assertForbiddenOrg(post(LDAP, "/v1/users/alice/factors/otp", acme()));
        assertForbiddenOrg(post(LDAP, "/v1/users/alice/factors/otp/confirm", acme().put("code", "123456")));
        assertForbiddenOrg(post(LDAP, "/v1/users/alice/factors/recovery-code", acme()));
        assertForbiddenOrg(post(LDAP, "/v1/users/alice/risk/clear", acme().put("signals", new JsonArray().add("devices"))));
        assertForbiddenOrg(service.call(HttpMethod.DELETE, "/v1/users/alice?org=acme", LDAP, null));

        JsonObject bankLogin = Logins.login("bob", Logins.BOXFORD_GB, Logins.T0).put("org", "bank");
        assertEquals(200, post(LDAP, "/v1/evaluate", bankLogin).statusCode(), "its own org");
        assertEquals(200, post(ADMIN, "/v1/users/bob/risk/clear", new JsonObject().put("org", "bank")
                .put("signals", new JsonArray().add("devices"))).statusCode());
        assertEquals(200, service.call(HttpMethod.DELETE, "/v1/users/alice?org=acme", ADMIN, null).statusCode());
    }

    @Test
    void onlyTheServiceThatAskedOrTheAdminReportsTheOutcome() {
        String mine = challenged(OIDC, "carl", new JsonArray().add("email"));
        JsonObject trusted = new JsonObject().put("result", "success").put("mfa", "passed");
        var foreign = post(PORTAL, "/v1/evaluations/" + mine + "/outcome", trusted);
        assertEquals(404, foreign.statusCode(), "another service's evaluation is unknown to it: " + foreign.bodyAsString());
        assertEquals(404, post(LDAP, "/v1/evaluations/" + mine + "/outcome", trusted).statusCode());
        assertEquals(202, post(OIDC, "/v1/evaluations/" + mine + "/outcome", trusted).statusCode(), "still unclaimed");

        String other = challenged(OIDC, "cora", new JsonArray().add("email"));
        assertEquals(202, post(ADMIN, "/v1/evaluations/" + other + "/outcome", trusted).statusCode());
    }

    @Test
    void anotherServicesChallengeIsUnknownAndKeepsItsAttempts() {
        String evaluationId = challenged(OIDC, "dina", new JsonArray().add("email"));
        assertEquals(404, startChallenge(PORTAL, evaluationId, "email").statusCode());
        assertEquals(404, startChallenge(LDAP, evaluationId, "email").statusCode());
        var started = startChallenge(OIDC, evaluationId, "email");
        assertEquals(201, started.statusCode(), started.bodyAsString());
        String challengeId = started.bodyAsJsonObject().getString("challenge_id");
        String code = ChallengeFlows.lastEmailedCode(service);

        for (int i = 0; i < 6; i++) {
            var burnt = verify(PORTAL, challengeId, ChallengeFlows.wrong(code));
            assertEquals(404, burnt.statusCode(), burnt.bodyAsString());
        }
        assertEquals(404, verify(PORTAL, challengeId, code).statusCode(), "not even with the right code");
        assertEquals(404, post(PORTAL, "/v1/challenges/" + challengeId + "/resend", new JsonObject()).statusCode());

        var passed = verify(OIDC, challengeId, code);
        assertEquals(200, passed.statusCode(), passed.bodyAsString());
        assertEquals("passed", passed.bodyAsJsonObject().getString("status"));
        assertEquals(4, passed.bodyAsJsonObject().getInteger("attempts_left"), "no attempt was taken by the other key");

        String token = passed.bodyAsJsonObject().getString("token");
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals("oidc", claims.getString("azp"), claims.encode());
        Object aud = claims.getValue("aud");
        assertEquals("oidc", aud instanceof JsonArray array ? array.getString(0) : aud, claims.encode());
    }

    @Test
    void feedbackOnAnotherServicesEvaluationIsUnknownAndLeaksNothing() {
        String evaluationId = challenged(OIDC, "erin", new JsonArray().add("email"));
        assertTrue(TestService.eventually(Duration.ofSeconds(10), () ->
                service.admin(HttpMethod.GET, "/v1/decisions/" + evaluationId, null).statusCode() == 200), "logged");
        assertEquals("oidc", service.admin(HttpMethod.GET, "/v1/decisions/" + evaluationId, null).bodyAsJsonObject()
                .getString("service"), "the log says which service asked");
        JsonObject fraudulent = new JsonObject().put("verdict", "fraudulent").put("source", "user");
        var foreign = post(PORTAL, "/v1/evaluations/" + evaluationId + "/feedback", fraudulent);
        assertEquals(404, foreign.statusCode(), foreign.bodyAsString());
        assertFalse(foreign.bodyAsString().contains("erin-"), "no device id");
        assertFalse(foreign.bodyAsString().contains(Logins.BOXFORD_GB), "no IP");
        assertEquals(404, post(LDAP, "/v1/evaluations/" + evaluationId + "/feedback", fraudulent).statusCode());

        assertEquals(202, post(OIDC, "/v1/evaluations/" + evaluationId + "/feedback", fraudulent).statusCode());
        assertEquals(202, post(ADMIN, "/v1/evaluations/" + evaluationId + "/feedback",
                new JsonObject().put("verdict", "fraudulent").put("source", "analyst")).statusCode());
    }

    @Test
    void replacingAConfirmedTotpNeedsThisServicesPassedOtpChallengeOrTheAdmin() {
        JsonArray otp = new JsonArray().add("otp").add("recovery-code");
        var first = post(OIDC, "/v1/users/fred/factors/otp", acme());
        assertEquals(201, first.statusCode(), first.bodyAsString());
        JsonObject enrolment = first.bodyAsJsonObject();
        long now = Totp.step(Instant.now());
        assertEquals(200, post(OIDC, "/v1/users/fred/factors/otp/confirm", acme().put("code", totp(enrolment, now - 1))).statusCode());

        // Without proof another key of the org (or the same one) cannot swap the user's authenticator.
        for (String key : List.of(PORTAL, OIDC)) {
            var refused = post(key, "/v1/users/fred/factors/otp", acme());
            assertEquals(403, refused.statusCode(), refused.bodyAsString());
            assertEquals("reauthentication_required", refused.bodyAsJsonObject().getString("error"));
            assertEquals(403, post(key, "/v1/users/fred/factors/recovery-code", acme()).statusCode());
        }

        // A passed email challenge proves the address the caller chose, not the user's authenticator.
        String emailPassed = passedEmailChallenge(OIDC, "fred");
        assertEquals(403, post(OIDC, "/v1/users/fred/factors/otp", acme().put("challenge_id", emailPassed)).statusCode());

        // A passed OTP challenge of the user, this service's own, opens re-enrolment: not for the other key.
        String evaluationId = challenged(OIDC, "fred", otp);
        String challengeId = startChallenge(OIDC, evaluationId, "otp").bodyAsJsonObject().getString("challenge_id");
        assertEquals("passed", verify(OIDC, challengeId, totp(enrolment, now)).bodyAsJsonObject().getString("status"));
        assertEquals(403, post(PORTAL, "/v1/users/fred/factors/otp", acme().put("challenge_id", challengeId)).statusCode());
        var replaced = post(OIDC, "/v1/users/fred/factors/otp", acme().put("challenge_id", challengeId));
        assertEquals(201, replaced.statusCode(), replaced.bodyAsString());
        JsonObject renewed = replaced.bodyAsJsonObject();
        assertNotEquals(enrolment.getString("secret"), renewed.getString("secret"));

        // Until the new secret is confirmed, the old one still passes: an abandoned re-enrolment locks nobody out.
        String next = startChallenge(OIDC, challenged(OIDC, "fred", otp), "otp").bodyAsJsonObject().getString("challenge_id");
        assertEquals("passed", verify(OIDC, next, totp(enrolment, now + 1)).bodyAsJsonObject().getString("status"),
                "the confirmed secret works while the new one is pending");
        assertEquals(200, post(OIDC, "/v1/users/fred/factors/otp/confirm", acme().put("code", totp(renewed, now))).statusCode());
        String after = startChallenge(OIDC, challenged(OIDC, "fred", otp), "otp").bodyAsJsonObject().getString("challenge_id");
        assertEquals("failed", verify(OIDC, after, totp(enrolment, now + 2)).bodyAsJsonObject().getString("status"),
                "the old secret is retired once the new one is confirmed");
        assertEquals("passed", verify(OIDC, after, totp(renewed, now + 1)).bodyAsJsonObject().getString("status"));

        // The admin token replaces without a challenge (a user who lost every factor).
        assertEquals(201, post(ADMIN, "/v1/users/fred/factors/otp", acme()).statusCode());
        assertEquals(201, post(ADMIN, "/v1/users/fred/factors/recovery-code", acme()).statusCode());
    }

    private static String passedEmailChallenge(String bearer, String user) {
        String evaluationId = challenged(bearer, user, new JsonArray().add("email"));
        String challengeId = startChallenge(bearer, evaluationId, "email").bodyAsJsonObject().getString("challenge_id");
        var passed = verify(bearer, challengeId, ChallengeFlows.lastEmailedCode(service));
        assertEquals("passed", passed.bodyAsJsonObject().getString("status"), passed.bodyAsString());
        return challengeId;
    }

    @Test
    void emailedCodesToOneAddressStopAtItsLimitWhateverUserTheCallerNames() {
        int sent = 0;
        HttpResponse<Buffer> last = null;
        for (int i = 0; i <= dev.amfa.challenges.Limits.EMAILS_PER_ADDRESS; i++) {
            JsonObject login = Logins.login("spam" + i, Logins.BOXFORD_GB, "d-" + UUID.randomUUID(), Logins.CHROME_WINDOWS,
                    Instant.now());
            login.getJsonObject("user").put("email", "victim@example.org").put("enrolled_factors", new JsonArray().add("email"));
            String evaluationId = post(OIDC, "/v1/evaluate", login).bodyAsJsonObject().getString("evaluation_id");
            last = startChallenge(OIDC, evaluationId, "email");
            if (last.statusCode() == 201) sent++;
        }
        assertEquals(dev.amfa.challenges.Limits.EMAILS_PER_ADDRESS, sent);
        assertEquals(429, last.statusCode(), last.bodyAsString());
        assertEquals("too_many_requests", last.bodyAsJsonObject().getString("error"));
    }

    @Test
    void anUnconfirmedEnrolmentMayBeStartedAgainWithoutProof() {
        assertEquals(201, post(PORTAL, "/v1/users/gail/factors/otp", acme()).statusCode());
        assertEquals(201, post(PORTAL, "/v1/users/gail/factors/otp", acme()).statusCode(), "never confirmed");
    }
}
