package dev.amfa.challenges;

import dev.amfa.TestService;
import dev.amfa.decisions.DecisionEvent;
import dev.amfa.http.Logins;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.amfa.challenges.ChallengeFlows.challengedLogin;
import static dev.amfa.challenges.ChallengeFlows.lastEmailedCode;
import static dev.amfa.challenges.ChallengeFlows.start;
import static dev.amfa.challenges.ChallengeFlows.verify;
import static dev.amfa.challenges.ChallengeFlows.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The email challenge over HTTP, end to end: start, code by mail (the outbox), verify, signed result, limits. */
class ChallengeApiTest {
    private static final JsonArray EMAIL_OTP = new JsonArray().add("email").add("otp");
    private static TestService service;

    @BeforeAll
    static void startService() {
        service = TestService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aPassedEmailCodeCompletesTheLoginWithATokenVerifiedByTheJwksAlone() {
        JsonObject evaluation = challengedLogin(service, "ann", EMAIL_OTP);
        String evaluationId = evaluation.getString("evaluation_id");
        JsonObject started = start(service, evaluationId, "email", 201);
        assertEquals("a***@example.com", started.getString("sent_to"));
        assertEquals("pending", started.getString("status"));

        JsonObject verdict = verify(service, started.getString("challenge_id"), lastEmailedCode(service));
        assertEquals("passed", verdict.getString("status"), verdict.encode());

        // The auth service's view: only the published keys, no shared secret.
        JsonObject jwks = service.get("/.well-known/jwks.json").bodyAsJsonObject();
        List<JsonObject> keys = jwks.getJsonArray("keys").stream().map(JsonObject.class::cast).toList();
        assertFalse(keys.get(0).containsKey("d"), "the JWKS must not publish the private key");
        Vertx verifier = Vertx.vertx();
        try {
            JWTAuth auth = JWTAuth.create(verifier, new JWTAuthOptions().setJwks(keys));
            User user = TestService.await(auth.authenticate(new TokenCredentials(verdict.getString("token"))));
            JsonObject claims = user.principal();
            assertEquals("ann", claims.getString("sub"));
            assertEquals("acme", claims.getString("org"));
            assertEquals(evaluationId, claims.getString("evaluation_id"));
            assertEquals(new JsonArray().add("mfa").add("email"), claims.getJsonArray("amr"));
            assertEquals(dev.amfa.tokens.TokenIssuer.ACR_MFA, claims.getString("acr"));
            assertEquals("amfa", claims.getString("iss"));
            JsonObject verified = user.attributes().getJsonObject("accessToken");
            long lifetime = verified.getLong("exp") - verified.getLong("iat");
            assertEquals(300, lifetime);
            // A token whose signature was altered no longer verifies.
            String token = verdict.getString("token");
            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            assertTrue(TestService.await(auth.authenticate(new TokenCredentials(tampered))
                    .map(false).recover(e -> io.vertx.core.Future.succeededFuture(true))));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            TestService.await(verifier.close());
        }

        // The outcome was recorded as mfa passed: the same login is now allowed, and a second challenge refused.
        JsonObject again = service.post("/v1/evaluate", Logins.login("ann", Logins.BOXFORD_GB, Instant.now())
                .put("user", new JsonObject().put("id", "ann").put("email", "ann@example.com").put("enrolled_factors", EMAIL_OTP)))
                .bodyAsJsonObject();
        assertEquals("allow", again.getString("action"), again.encodePrettily());
        start(service, evaluationId, "email", 404);
        assertEquals(409, service.post("/v1/challenges/" + started.getString("challenge_id") + "/verify",
                new JsonObject().put("code", "123456")).statusCode());

        List<String> types = service.service().decisions().events(evaluationId).stream().map(DecisionEvent::type).toList();
        // The pass records the login's outcome, which the decision log joins too.
        assertEquals(List.of(DecisionEvent.CHALLENGE_STARTED, DecisionEvent.CHALLENGE_SENT, DecisionEvent.CHALLENGE_PASSED,
                DecisionEvent.OUTCOME), types);
    }

    @Test
    void fiveWrongCodesLockTheChallengeAndTheRightCodeComesTooLate() {
        String evaluationId = challengedLogin(service, "liz", EMAIL_OTP).getString("evaluation_id");
        String challengeId = start(service, evaluationId, "email", 201).getString("challenge_id");
        String right = lastEmailedCode(service);
        for (int left = 4; left >= 1; left--) {
            JsonObject verdict = verify(service, challengeId, wrong(right));
            assertEquals("failed", verdict.getString("status"));
            assertEquals(left, verdict.getInteger("attempts_left"));
        }
        assertEquals("locked", verify(service, challengeId, wrong(right)).getString("status"));
        JsonObject late = verify(service, challengeId, right);
        assertEquals("locked", late.getString("status"));
        assertNull(late.getString("token"));

        List<DecisionEvent> events = service.service().decisions().events(evaluationId);
        assertEquals(5, events.stream().filter(e -> e.type().equals(DecisionEvent.CHALLENGE_FAILED)).count());
        assertEquals(1, events.stream().filter(e -> e.type().equals(DecisionEvent.CHALLENGE_LOCKED)).count());
        for (DecisionEvent e : events) assertFalse(e.details().encode().contains(right), e.details().encode());
    }

    @Test
    void onlyFactorsTheDecisionAllowedCanBeChallenged() {
        String evaluationId = challengedLogin(service, "max", new JsonArray().add("email")).getString("evaluation_id");
        JsonObject refused = start(service, evaluationId, "otp", 422);
        assertEquals("factor_not_allowed", refused.getString("error"));
        assertEquals("factor", refused.getString("field"));
        assertEquals("factor", start(service, evaluationId, "carrier-pigeon", 422).getString("field"));
        assertEquals("not_found", start(service, "no-such-evaluation", "email", 404).getString("error"));
        var missing = service.post("/v1/challenges", new JsonObject().put("factor", "email"));
        assertEquals(400, missing.statusCode());
        assertEquals("evaluation_id", missing.bodyAsJsonObject().getString("field"));
        assertEquals(400, service.postRaw("/v1/challenges/x/verify", "not json").statusCode());
        assertEquals(404, service.post("/v1/challenges/unknown/verify", new JsonObject().put("code", "123456")).statusCode());

        JsonObject noEmail = Logins.login("ivy", Logins.BOXFORD_GB, Instant.now());
        noEmail.getJsonObject("user").remove("email");
        String withoutEmail = service.post("/v1/evaluate", noEmail).bodyAsJsonObject().getString("evaluation_id");
        assertEquals("no_email", start(service, withoutEmail, "email", 422).getString("error"));
    }

    @Test
    void resendIsThrottledAndOnlyForEmail() {
        String evaluationId = challengedLogin(service, "ned", EMAIL_OTP).getString("evaluation_id");
        String challengeId = start(service, evaluationId, "email", 201).getString("challenge_id");
        var tooSoon = service.post("/v1/challenges/" + challengeId + "/resend", new JsonObject());
        assertEquals(429, tooSoon.statusCode());
        assertEquals("too_many_requests", tooSoon.bodyAsJsonObject().getString("error"));
        String otpChallenge = start(service, evaluationId, "otp", 201).getString("challenge_id");
        assertEquals(422, service.post("/v1/challenges/" + otpChallenge + "/resend", new JsonObject()).statusCode());
    }

    @Test
    void aUserCanStartOnlySoManyChallengesInTheWindow() {
        String evaluationId = challengedLogin(service, "flo", EMAIL_OTP).getString("evaluation_id");
        for (int i = 0; i < Limits.STARTS_PER_USER; i++) start(service, evaluationId, "otp", 201);
        assertEquals("too_many_requests", start(service, evaluationId, "otp", 429).getString("error"));
    }

    @Test
    void wrongCodesAcrossChallengesLockTheUser() {
        String evaluationId = challengedLogin(service, "gus", EMAIL_OTP).getString("evaluation_id");
        int failures = 0;
        String last = null;
        while (failures < Limits.FAILURES_PER_USER) {
            last = start(service, evaluationId, "otp", 201).getString("challenge_id");
            for (int i = 0; i < 3 && failures < Limits.FAILURES_PER_USER; i++, failures++) {
                assertEquals("failed", verify(service, last, "000000").getString("status"));
            }
        }
        // Fresh attempts are left on this challenge, but the user has used up the window's failures.
        assertEquals("locked", verify(service, last, "000000").getString("status"));
    }
}
