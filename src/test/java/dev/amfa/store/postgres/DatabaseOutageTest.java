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

    private static boolean storeReady(TestService service) {
        return service.get("/health").bodyAsJsonObject().getJsonObject("components").getJsonObject("store").getBoolean("ready");
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
                // The policy subscription notices the cut first; the store's probe within its period.
                Instant probeDeadline = Instant.now().plusSeconds(10);
                while (storeReady(service) && Instant.now().isBefore(probeDeadline)) Thread.sleep(100);
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
                proxy.restore();
                assertEquals(200, healthWithin(service, Duration.ofSeconds(15), 200));
            }
        } finally {
            TestService.await(vertx.close());
        }
    }
}
