package dev.amfa.challenges;

import dev.amfa.callers.ApiKey;
import dev.amfa.TestService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With API keys configured the challenge and factor API needs one; the JWKS and the demo stay public. */
class ChallengeRoutesTest {

    @Test
    void challengeAndFactorCallsNeedAnApiKeyButJwksAndDemoDoNot() {
        try (TestService service = TestService.start(TestService.config().withAuth(TestService.ADMIN_TOKEN, List.of(ApiKey.of("oidc", "k-oidc", "acme")))
                .withChallenges(ChallengeSettings.defaults().withDemo(true)))) {
            JsonObject body = new JsonObject().put("evaluation_id", "x").put("factor", "email");
            assertEquals(401, service.call(HttpMethod.POST, "/v1/challenges", null, body).statusCode());
            assertEquals(401, service.call(HttpMethod.POST, "/v1/challenges/x/verify", null, body).statusCode());
            assertEquals(401, service.call(HttpMethod.POST, "/v1/challenges/x/resend", null, body).statusCode());
            assertEquals(401, service.call(HttpMethod.POST, "/v1/users/u/factors/otp", null, body).statusCode());
            assertEquals(401, service.call(HttpMethod.POST, "/v1/challenges", TestService.ADMIN_TOKEN, body).statusCode());
            assertEquals(404, service.call(HttpMethod.POST, "/v1/challenges", "k-oidc", body).statusCode());
            assertEquals(200, service.get("/.well-known/jwks.json").statusCode());
            assertEquals(200, service.get("/demo").statusCode());
        }
    }

    private static TestService withDemo() {
        return TestService.start(TestService.config().withChallenges(ChallengeSettings.defaults().withDemo(true)));
    }

    /**
     * Real challenges' codes never show on the public page, not even those mailed to a demo user's address
     * (the caller chooses user.email), and the demo cannot verify or resend a real challenge.
     */
    @Test
    void thePublicDemoReachesNeitherOtherOrgsChallengesNorTheirMail() {
        try (TestService service = withDemo()) {
            JsonObject login = dev.amfa.http.Logins.login("una", dev.amfa.http.Logins.BOXFORD_GB, "una-laptop",
                    dev.amfa.http.Logins.CHROME_WINDOWS, java.time.Instant.now());
            login.getJsonObject("user").put("email", "alice@example.com").put("enrolled_factors", new JsonArray().add("email"));
            String evaluationId = service.post("/v1/evaluate", login).bodyAsJsonObject().getString("evaluation_id");
            String challengeId = ChallengeFlows.start(service, evaluationId, "email", 201).getString("challenge_id");
            String code = ChallengeFlows.lastEmailedCode(service);
            assertEquals("alice@example.com", service.service().challenges().outbox().recent(1).get(0).to());
            JsonObject outbox = service.get("/demo/outbox").bodyAsJsonObject();
            assertEquals(0, outbox.getJsonArray("messages").size(), outbox.encode());
            var verify = service.post("/demo/verify", new JsonObject().put("challenge_id", challengeId).put("code", code));
            assertEquals(404, verify.statusCode());
            assertEquals(404, service.post("/demo/resend", new JsonObject().put("challenge_id", challengeId)).statusCode());
            assertEquals("passed", ChallengeFlows.verify(service, challengeId, code).getString("status"), "untouched");
        }
    }

    /** The demo's result is signed with a key of its own under an issuer of its own: it is no real MFA result. */
    @Test
    void aDemoTokenIsSignedWithNeitherTheRealKeyNorTheRealIssuer() {
        try (TestService service = withDemo()) {
            var login = service.post("/demo/login", new JsonObject().put("username", "alice").put("password", "wonderland"));
            assertEquals(200, login.statusCode(), login.bodyAsString());
            String challengeId = login.bodyAsJsonObject().getJsonObject("challenge").getString("challenge_id");
            JsonArray messages = service.get("/demo/outbox").bodyAsJsonObject().getJsonArray("messages");
            assertEquals(1, messages.size(), messages.encode());
            assertTrue(service.service().challenges().outbox().recent(1).isEmpty(), "the demo's code is in its own outbox only");
            String code = ChallengeFlows.code(messages.getJsonObject(0).getString("text"));
            JsonObject passed = service.post("/demo/verify", new JsonObject().put("challenge_id", challengeId).put("code", code))
                    .bodyAsJsonObject();
            assertEquals("passed", passed.getString("status"), passed.encode());

            String[] token = passed.getString("token").split("\\.");
            JsonObject header = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(token[0])));
            JsonObject claims = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(token[1])));
            assertEquals("amfa" + Challenges.Demo.ISSUER_SUFFIX, claims.getString("iss"));
            JsonArray keys = service.get("/.well-known/jwks.json").bodyAsJsonObject().getJsonArray("keys");
            assertFalse(keys.stream().map(k -> ((JsonObject) k).getString("kid")).anyMatch(header.getString("kid")::equals),
                    "the demo's key is not among the keys real results verify with");
        }
    }

    @Test
    void theDemoIsOffUnlessAskedFor() {
        try (TestService service = TestService.start()) {
            assertEquals(404, service.get("/demo").statusCode());
            assertEquals(404, service.post("/demo/login", new JsonObject()).statusCode());
            assertEquals(404, service.get("/demo/outbox").statusCode());
        }
    }
}
