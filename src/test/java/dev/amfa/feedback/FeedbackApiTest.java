package dev.amfa.feedback;

import dev.amfa.TestService;
import dev.amfa.http.Logins;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.amfa.http.Logins.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/evaluations/{id}/feedback and POST /v1/users/{id}/risk/clear change what the service knows. */
class FeedbackApiTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static JsonObject evaluate(String user, Instant at) {
        return service.post("/v1/evaluate", Logins.login(user, Logins.BOXFORD_GB, at)).bodyAsJsonObject();
    }

    /** A first login, challenged and passed: the device and place are learned. */
    private static String learnedLogin(String user) {
        String id = evaluate(user, T0).getString("evaluation_id");
        assertEquals(202, service.post("/v1/evaluations/" + id + "/outcome",
                new JsonObject().put("result", "success").put("mfa", "passed")).statusCode());
        assertEquals("allow", evaluate(user, T0.plusSeconds(600)).getString("action"), "the device was learned");
        return id;
    }

    private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> feedback(String id, JsonObject body) {
        return service.post("/v1/evaluations/" + id + "/feedback", body);
    }

    @Test
    void aFraudulentLoginIsUnlearnedAndCountedAgainstItsIp() {
        String id = learnedLogin("mallory-victim");
        var response = feedback(id, new JsonObject().put("verdict", "fraudulent").put("source", "user"));
        assertEquals(202, response.statusCode(), response.bodyAsString());
        assertEquals(Logins.BOXFORD_GB, response.bodyAsJsonObject().getString("counted_against_ip"));
        JsonObject next = evaluate("mallory-victim", T0.plusSeconds(1200));
        assertEquals("challenge", next.getString("action"), "the device is new again: " + next.encode());
        assertEquals("no_match", next.getJsonObject("assessments").getJsonObject("NewDevice").getString("code"));

        JsonArray events = service.admin(HttpMethod.GET, "/v1/decisions/" + id, null).bodyAsJsonObject().getJsonArray("events");
        JsonObject verdict = events.getJsonObject(events.size() - 1);
        assertEquals("feedback", verdict.getString("type"));
        assertEquals("fraudulent", verdict.getJsonObject("details").getString("verdict"));

        // One verdict per source: repeating it would count against the IP again with every post.
        var again = feedback(id, new JsonObject().put("verdict", "fraudulent").put("source", "user"));
        assertEquals(409, again.statusCode(), again.bodyAsString());
        assertEquals(202, feedback(id, new JsonObject().put("verdict", "fraudulent").put("source", "analyst")).statusCode(),
                "an analyst's verdict is another source's");
    }

    @Test
    void aLegitimateChallengedLoginIsAFalsePositiveOfItsDoubtingSignals() {
        String id = evaluate("honest", T0).getString("evaluation_id");
        var response = feedback(id, new JsonObject().put("verdict", "legitimate"));
        assertEquals(202, response.statusCode(), response.bodyAsString());
        assertTrue(response.bodyAsJsonObject().getJsonArray("false_positive_signals").contains("NewDevice"));
        assertTrue(service.get("/metrics").bodyAsString().contains("amfa_false_positives_total{signal=\"NewDevice\"}"));
        JsonObject stats = service.admin(HttpMethod.GET, "/v1/stats?org=acme&from=" + T0 + "&to=" + T0.plusSeconds(3600), null)
                .bodyAsJsonObject();
        assertTrue(stats.getJsonObject("false_positives").getJsonObject("marked_legitimate").getLong("NewDevice") >= 1, stats.encode());
    }

    @Test
    void clearingDevicesMakesTheUserNewAgain() {
        learnedLogin("reset-me");
        var response = service.post("/v1/users/reset-me/risk/clear",
                new JsonObject().put("org", "acme").put("signals", new JsonArray().add("devices").add("places").add("failures")));
        assertEquals(200, response.statusCode(), response.bodyAsString());
        JsonObject next = evaluate("reset-me", T0.plusSeconds(1200));
        assertEquals("initial_login", next.getJsonObject("assessments").getJsonObject("NewDevice").getString("code"));
    }

    @Test
    void badFeedbackIs4xx() {
        String id = evaluate("someone", T0).getString("evaluation_id");
        assertEquals("verdict", feedback(id, new JsonObject().put("verdict", "meh")).bodyAsJsonObject().getString("field"));
        assertEquals("source", feedback(id, new JsonObject().put("verdict", "legitimate").put("source", "cat"))
                .bodyAsJsonObject().getString("field"));
        assertEquals(404, feedback("unknown", new JsonObject().put("verdict", "legitimate")).statusCode());
        var clear = service.post("/v1/users/u/risk/clear", new JsonObject().put("org", "acme").put("signals", new JsonArray().add("moods")));
        assertEquals(400, clear.statusCode());
        assertEquals("signals[0]", clear.bodyAsJsonObject().getString("field"));
        assertEquals(400, service.post("/v1/users/u/risk/clear", new JsonObject().put("org", "acme")).statusCode());
    }
}
