package dev.amfa.store.postgres;

import dev.amfa.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.amfa.TestService.eventually;
import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the database goes away or crawls, evaluations still answer within their budget (challenging, never
 * silently allowing), acknowledged outcomes are kept and written once it is back, and /health says what is
 * going on: no restart needed. A TCP proxy between the service and PostgreSQL makes the faults real.
 */
class DatabaseOutageTest {
    /** Well under the time a caller would give up, well over what a healthy evaluation takes. */
    private static final Duration ANSWER_BUDGET = Duration.ofSeconds(3);

    private Vertx vertx;
    private PgSchema schema;
    private FaultProxy proxy;
    private TestService service;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        schema = new PgSchema(vertx);
        proxy = new FaultProxy(vertx, "127.0.0.1", 5432);
        service = TestService.start(TestService.config().withStore("postgres",
                PgSchema.URL.replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()) + "?search_path=" + schema.name));
        assertTrue(eventually(Duration.ofSeconds(5), () -> service.get("/health").statusCode() == 200));
    }

    @AfterEach
    void stop() {
        service.close();
        proxy.close();
        schema.close();
        TestService.await(vertx.close());
    }


    private JsonObject component(String name) {
        return service.get("/health").bodyAsJsonObject().getJsonObject("components").getJsonObject(name);
    }

    /** amfa_store_errors_total of one store, from /metrics. */
    private double storeErrors(String store) {
        var line = java.util.regex.Pattern.compile("amfa_store_errors_total\\{store=\"" + store + "\"} ([0-9.]+)")
                .matcher(service.get("/metrics").bodyAsString());
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    /** The outcome retry buffer as /health shows it. */
    private JsonObject retries() {
        return new JsonObject(component("outcome_retries").getString("detail"));
    }

    /** Evaluates within the budget, and answers the response. */
    private JsonObject evaluateInTime(String user, Instant at) {
        Instant asked = Instant.now();
        var response = service.post("/v1/evaluate", login(user, BOXFORD_GB, at));
        assertEquals(200, response.statusCode(), response.bodyAsString());
        Duration took = Duration.between(asked, Instant.now());
        assertTrue(took.compareTo(ANSWER_BUDGET) < 0, "the evaluation waited for the database: " + took);
        return response.bodyAsJsonObject();
    }

    private JsonObject outcome(String evaluationId) {
        var response = service.post("/v1/evaluations/" + evaluationId + "/outcome",
                new JsonObject().put("result", "success").put("mfa", "passed"));
        assertEquals(202, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    private static String newDevice(JsonObject evaluation) {
        return evaluation.getJsonObject("assessments").getJsonObject("NewDevice").getString("code");
    }

    @Test
    void aCutDatabaseDegradesHealthEvaluationsChallengeAndAnAcknowledgedOutcomeIsWrittenAfterTheRestore() throws Exception {
        String pending = evaluateInTime("alice", T0).getString("evaluation_id");
        proxy.cut();
        assertTrue(eventually(Duration.ofSeconds(10), () -> !component("store").getBoolean("ready")));
        assertEquals(503, service.get("/health").statusCode());
        assertTrue(component("store").getString("detail").startsWith("postgres does not answer"));

        // The history the signals need is out of reach: they say so, and the baseline challenges.
        JsonObject during = evaluateInTime("bob", T0);
        assertEquals("challenge", during.getString("action"));
        assertEquals("assessment_not_available", newDevice(during));

        // The decision log cannot be read or written meanwhile: a 503, and both count as store errors.
        var search = service.admin(io.vertx.core.http.HttpMethod.GET, "/v1/decisions?org=acme", null);
        assertEquals(503, search.statusCode(), search.bodyAsString());
        assertTrue(eventually(Duration.ofSeconds(5), () -> storeErrors("decision_log_writes") >= 1),
                "the evaluation's decision was lost with its batch, and counted");
        assertTrue(storeErrors("decisions") >= 1);
        assertTrue(storeErrors("user_history") >= 1, "bob's history could not be read");

        JsonObject queued = outcome(pending);
        assertEquals(true, queued.getBoolean("queued"), queued.encode());
        assertTrue(eventually(Duration.ofSeconds(5), () -> retries().getInteger("queued") == 1), retries().encode());

        proxy.restore();
        assertTrue(eventually(Duration.ofSeconds(15), () -> service.get("/health").statusCode() == 200));
        assertTrue(eventually(Duration.ofSeconds(10),
                () -> retries().getInteger("retried") == 1));
        // What the queued outcome taught is there: alice's device is known now.
        assertEquals("match", newDevice(evaluateInTime("alice", T0.plusSeconds(3600))));
        assertEquals(0L, retries().getLong("dropped"));
    }

    @Test
    void aSlowDatabaseDoesNotHoldEvaluationsUpAndOutcomesCatchUpWhenItIsFastAgain() throws Exception {
        String pending = evaluateInTime("carol", T0).getString("evaluation_id");
        proxy.slow(Duration.ofSeconds(4));
        assertTrue(eventually(Duration.ofSeconds(10), () -> !component("store").getBoolean("ready")),
                "a database slower than the probe's limit counts as not answering");

        JsonObject during = evaluateInTime("dave", T0);
        assertEquals("challenge", during.getString("action"));
        assertEquals("assessment_not_available", newDevice(during));
        assertEquals(true, outcome(pending).getBoolean("queued"));

        proxy.restore();
        assertTrue(eventually(Duration.ofSeconds(20), () -> service.get("/health").statusCode() == 200));
        assertTrue(eventually(Duration.ofSeconds(20), () -> "match".equals(newDevice(evaluateInTime("carol", T0.plusSeconds(3600))))),
                "the queued outcome was written once the database was fast again");
    }
}
