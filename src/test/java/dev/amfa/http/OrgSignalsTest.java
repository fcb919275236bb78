package dev.amfa.http;

import dev.amfa.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.amfa.engine.RuleBudget;
import dev.amfa.ip.Cidr;
import dev.amfa.policy.SandboxSettings;

import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signals beyond the built-in three: an org's external risk service (a real local HTTP server) and the caller's own. */
class OrgSignalsTest {
    @TempDir
    Path dir;
    TestService service;
    Vertx riskVertx;
    HttpServer risk;
    final AtomicInteger riskCalls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        riskVertx = Vertx.vertx();
        // Scores by user id; "slow" never answers within the policy's timeout.
        risk = TestService.await(riskVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            riskCalls.incrementAndGet();
            String user = body.toJsonObject().getString("user_id");
            JsonObject answer = new JsonObject().put("score", switch (user) {
                case "risky" -> 0.9;
                case "unsure" -> 0.2;
                case "leaky" -> "internal secret";
                default -> -0.6;
            });
            if (user.equals("huge")) {
                // A valid low score after 2 MB of padding: read whole, it would pass as a trusted login.
                req.response().end(new JsonObject().put("pad", "x".repeat(2 * 1024 * 1024)).put("score", -0.6).encode());
            } else if (user.equals("slow")) {
                riskVertx.setTimer(3_000, t -> req.response().end(answer.encode()));
            } else if (user.equals("broken")) {
                req.response().setStatusCode(500).end();
            } else {
                req.response().end(answer.encode());
            }
        })).listen(0, "127.0.0.1"));
        // The risk service is on loopback, which an external_risk.url may reach only when the operator allows it.
        service = TestService.start(TestService.withOwnPolicies(dir, false).withSandbox(new SandboxSettings(
                RuleBudget.DEFAULT, 4, List.of(Cidr.parse("127.0.0.1/32")))));
        var put = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme", riskPolicy("http://127.0.0.1:" + risk.actualPort() + "/score"));
        assertEquals(200, put.statusCode(), put.bodyAsString());
    }

    private static JsonObject riskPolicy(String url) {
        return new JsonObject().put("settings", new JsonObject()
                .put("allow_networks", new io.vertx.core.json.JsonArray().add("2.125.160.216/32"))
                .put("external_risk", new JsonObject().put("url", url).put("timeout_ms", 300).put("cache_seconds", 60)));
    }

    @AfterEach
    void stop() {
        service.close();
        TestService.await(riskVertx.close());
    }

    private JsonObject externalRisk(String user) {
        JsonObject answer = service.post("/v1/evaluate", login(user, BOXFORD_GB, T0)).bodyAsJsonObject();
        return answer.getJsonObject("assessments").getJsonObject("ExternalRisk");
    }

    @Test
    void theRiskServicesScoreBecomesAnAssessment() {
        JsonObject risky = externalRisk("risky");
        assertEquals("high_risk_score", risky.getString("code"));
        assertEquals("low", risky.getString("confidence"));
        assertEquals(0.9, risky.getJsonObject("details").getDouble("score"));
        assertEquals("elevated_risk_score", externalRisk("unsure").getString("code"));
        JsonObject fine = externalRisk("fine");
        assertEquals("low_risk_score", fine.getString("code"));
        assertEquals("high", fine.getString("confidence"));
    }

    @Test
    void answersAreCachedPerUserAndIp() {
        externalRisk("fine");
        int calls = riskCalls.get();
        JsonObject again = externalRisk("fine");
        assertEquals(true, again.getJsonObject("details").getBoolean("cached"));
        assertEquals(calls, riskCalls.get());
    }

    @Test
    void aSlowOrBrokenRiskServiceIsNotAvailableNeverAHang() {
        Instant start = Instant.now();
        JsonObject slow = externalRisk("slow");
        assertEquals("assessment_not_available", slow.getString("code"));
        assertEquals("low", slow.getString("confidence"));
        assertTrue(Duration.between(start, Instant.now()).toMillis() < 2_500, "waited for the slow service");
        assertEquals("assessment_not_available", externalRisk("broken").getString("code"));
        TestService.await(risk.close());
        assertEquals("assessment_not_available", externalRisk("unreachable").getString("code"));
    }

    @Test
    void anAnswerLargerThanAScoreIsRefusedNotRead() {
        JsonObject huge = externalRisk("huge");
        assertEquals("assessment_not_available", huge.getString("code"));
        assertEquals("signal failed", huge.getJsonObject("details").getString("reason"));
        assertEquals("low_risk_score", externalRisk("fine").getString("code"), "an ordinary answer is still read");
    }

    @Test
    void whatTheRiskServiceAnswersIsNeverReflectedToTheCaller() {
        var answer = service.post("/v1/evaluate", login("leaky", BOXFORD_GB, T0));
        JsonObject leaky = answer.bodyAsJsonObject().getJsonObject("assessments").getJsonObject("ExternalRisk");
        assertEquals("assessment_not_available", leaky.getString("code"));
        assertEquals("signal failed", leaky.getJsonObject("details").getString("reason"));
        assertFalse(answer.bodyAsString().contains("internal secret"), answer.bodyAsString());
        assertEquals("signal failed", externalRisk("broken").getJsonObject("details").getString("reason"));
    }

    @Test
    void internalAddressesOutsideTheAllowListAreRefusedWhenThePolicyLoads() {
        for (String url : List.of("http://10.0.0.1/score", "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1/", "http://172.16.0.1/", "http://192.168.1.1/", "http://0.0.0.0:8080/",
                "http://127.0.0.2/", "http://224.0.0.1/", "http://[::1]:8080/", "http://[fe80::1]/",
                "http://[fd00::1]/", "http://[::]/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:127.0.0.2]/")) {
            var put = service.admin(HttpMethod.PUT, "/v1/admin/policies/bank", riskPolicy(url));
            assertEquals(422, put.statusCode(), url + " " + put.bodyAsString());
            JsonObject error = put.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
            assertEquals("bank/policy.json", error.getString("file"), url);
            assertTrue(error.getString("message").startsWith("external_risk.url: "), error.encode());
        }
    }

    @Test
    void aNameThatResolvesToAnInternalAddressIsRefusedAtConnectTime(@TempDir Path other) throws Exception {
        // A name passes at load (no DNS then); before connecting, every address it resolves to is checked.
        String host = java.net.InetAddress.getLocalHost().getHostName();
        try (TestService strict = TestService.start(TestService.withOwnPolicies(other, false))) {
            for (String loopback : List.of("127.0.0.1", "localhost", "admin.localhost")) {
                assertEquals(422, strict.admin(HttpMethod.PUT, "/v1/admin/policies/acme",
                        riskPolicy("http://" + loopback + ":" + risk.actualPort() + "/score")).statusCode(), loopback);
            }
            var put = strict.admin(HttpMethod.PUT, "/v1/admin/policies/acme",
                    riskPolicy("http://" + host + ":" + risk.actualPort() + "/score"));
            assertEquals(200, put.statusCode(), put.bodyAsString());
            int calls = riskCalls.get();
            JsonObject assessment = strict.post("/v1/evaluate", login("fine", BOXFORD_GB, T0)).bodyAsJsonObject()
                    .getJsonObject("assessments").getJsonObject("ExternalRisk");
            assertEquals("assessment_not_available", assessment.getString("code"));
            assertEquals("signal failed", assessment.getJsonObject("details").getString("reason"));
            assertEquals(calls, riskCalls.get(), "the internal service was never called");
        }
    }

    @Test
    void theOrgsAllowNetworksAreTrusted() {
        JsonObject answer = service.post("/v1/evaluate", login("fine", BOXFORD_GB, T0)).bodyAsJsonObject();
        JsonObject ip = answer.getJsonObject("assessments").getJsonObject("UntrustedIP");
        assertEquals("allow_list", ip.getJsonObject("details").getString("source"));
        assertEquals("policy acme", ip.getJsonObject("details").getString("list"));
    }

    @Test
    void callerReportedSignalsAreWeighedLikeTheOthers() {
        JsonObject body = login("fine", BOXFORD_GB, T0).put("signals", new JsonObject()
                .put("BotCheck", new JsonObject().put("confidence", "low").put("code", "bot_detected")
                        .put("details", new JsonObject().put("score", 0.97))));
        JsonObject answer = service.post("/v1/evaluate", body).bodyAsJsonObject();
        JsonObject bot = answer.getJsonObject("assessments").getJsonObject("BotCheck");
        assertEquals("bot_detected", bot.getString("code"));
        assertEquals(0.97, bot.getJsonObject("details").getDouble("score"));
        assertEquals("low", answer.getString("confidence"));

        var builtIn = service.post("/v1/evaluate", login("fine", BOXFORD_GB, T0).put("signals", new JsonObject()
                .put("NewDevice", new JsonObject().put("confidence", "high").put("code", "match"))));
        assertEquals(400, builtIn.statusCode());
        assertEquals("signals.NewDevice", builtIn.bodyAsJsonObject().getString("field"));
        var badLevel = service.post("/v1/evaluate", login("fine", BOXFORD_GB, T0).put("signals", new JsonObject()
                .put("BotCheck", new JsonObject().put("confidence", "sure").put("code", "x"))));
        assertEquals("signals.BotCheck.confidence", badLevel.bodyAsJsonObject().getString("field"));
    }
}
