package dev.amfa.challenges;

import dev.amfa.callers.ApiKey;
import dev.amfa.TestService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With API keys configured the challenge and factor API needs one; the JWKS and the demo stay public. */
class ChallengeRoutesTest {

    @Test
    void challengeAndFactorCallsNeedAnApiKeyButJwksAndDemoDoNot() {
        try (TestService service = TestService.start(TestService.config().withAuth(TestService.ADMIN_TOKEN, List.of(ApiKey.of("oidc", "k-oidc", "acme"))))) {
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

    @Test
    void thePublicDemoReachesNeitherOtherOrgsChallengesNorTheirMail() {
        try (TestService service = TestService.start()) {
            String evaluationId = ChallengeFlows.challengedLogin(service, "una", new io.vertx.core.json.JsonArray().add("email"))
                    .getString("evaluation_id");
            String challengeId = ChallengeFlows.start(service, evaluationId, "email", 201).getString("challenge_id");
            String code = ChallengeFlows.lastEmailedCode(service);
            JsonObject outbox = service.get("/demo/outbox").bodyAsJsonObject();
            assertEquals(0, outbox.getJsonArray("messages").size(), outbox.encode());
            var verify = service.post("/demo/verify", new JsonObject().put("challenge_id", challengeId).put("code", code));
            assertEquals(404, verify.statusCode());
            assertEquals(404, service.post("/demo/resend", new JsonObject().put("challenge_id", challengeId)).statusCode());
            assertEquals("passed", ChallengeFlows.verify(service, challengeId, code).getString("status"), "untouched");
        }
    }

    @Test
    void theDemoCanBeTurnedOff() {
        ChallengeSettings d = ChallengeSettings.defaults();
        ChallengeSettings off = new ChallengeSettings(d.smtpHost(), d.smtpPort(), d.smtpTls(), d.smtpUser(), d.smtpPassword(),
                d.mailFrom(), d.orgName(), d.jwtKey(), d.issuer(), d.tokenLifetime(), d.totpKey(), d.codeKey(),
                d.codeLifetime(), false, null);
        try (TestService service = TestService.start(TestService.config().withChallenges(off))) {
            assertEquals(404, service.get("/demo").statusCode());
            assertEquals(404, service.post("/demo/login", new JsonObject()).statusCode());
        }
    }
}
