package dev.amfa.store.postgres;

import dev.amfa.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the database goes away evaluations still answer (challenging), /health says so, and says so again when
 * it is back: no restart needed.
 */
class DatabaseOutageTest {

    private static int healthWithin(TestService service, Duration limit, int wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        int status = service.get("/health").statusCode();
        while (status != wanted && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            status = service.get("/health").statusCode();
        }
        return status;
    }

    @Test
    void healthFollowsTheDatabaseThroughACutAndARestore() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (PgSchema schema = new PgSchema(vertx); FaultProxy proxy = new FaultProxy(vertx, "127.0.0.1", 5432)) {
            String url = PgSchema.URL.replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()) + "?search_path=" + schema.name;
            try (TestService service = TestService.start(TestService.config().withStore("postgres", url))) {
                assertEquals(200, healthWithin(service, Duration.ofSeconds(5), 200));
                proxy.cut();
                assertEquals(503, healthWithin(service, Duration.ofSeconds(10), 503));
                // Evaluations still answer: the history the signals need is out of reach, so they say
                // assessment_not_available and the baseline challenges; the answer does not wait for the database.
                Instant asked = Instant.now();
                var during = service.post("/v1/evaluate", dev.amfa.http.Logins.login("alice",
                        dev.amfa.http.Logins.BOXFORD_GB, dev.amfa.http.Logins.T0));
                assertEquals(200, during.statusCode(), during.bodyAsString());
                assertTrue(Duration.between(asked, Instant.now()).toMillis() < 3_000, "waited for the database");
                JsonObject answer = during.bodyAsJsonObject();
                assertEquals("challenge", answer.getString("action"));
                assertEquals("assessment_not_available",
                        answer.getJsonObject("assessments").getJsonObject("NewDevice").getString("code"));
                JsonObject health = service.get("/health").bodyAsJsonObject();
                assertTrue(health.getJsonObject("components").getJsonObject("store").getString("detail")
                        .startsWith("postgres does not answer"), health.encode());
                // The decision log cannot be read or written meanwhile: a 503, and both count as store errors.
                var search = service.admin(io.vertx.core.http.HttpMethod.GET, "/v1/decisions?org=acme", null);
                assertEquals(503, search.statusCode(), search.bodyAsString());
                String metrics = service.get("/metrics").bodyAsString();
                assertTrue(metrics.contains("amfa_store_errors_total{store=\"decisions\"} 1.0"), metrics);
                assertTrue(metrics.contains("amfa_store_errors_total{store=\"decision_log_writes\"} 1.0"),
                        "the evaluation's decision was lost with its batch, and counted");
                proxy.restore();
                assertEquals(200, healthWithin(service, Duration.ofSeconds(15), 200));
            }
        } finally {
            TestService.await(vertx.close());
        }
    }
}
