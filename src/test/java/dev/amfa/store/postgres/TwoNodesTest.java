package dev.amfa.store.postgres;

import dev.amfa.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two service nodes on one database behave as one: what node A learns, node B knows. */
class TwoNodesTest {

    @Test
    void anOutcomeRecordedOnOneNodeIsSeenByAnEvaluationOnTheOther() {
        Vertx vertx = Vertx.vertx();
        try (PgSchema schema = new PgSchema(vertx);
             TestService a = TestService.start(TestService.config().withStore("postgres", schema.url()));
             TestService b = TestService.start(TestService.config().withStore("postgres", schema.url()))) {
            JsonObject first = a.post("/v1/evaluate", login("alice", BOXFORD_GB, T0)).bodyAsJsonObject();
            assertEquals("initial_login", first.getJsonObject("assessments").getJsonObject("NewDevice").getString("code"));
            // The outcome reaches the other node: the pending evaluation is in the shared database.
            var outcome = b.post("/v1/evaluations/" + first.getString("evaluation_id") + "/outcome",
                    new JsonObject().put("result", "success").put("mfa", "passed"));
            assertEquals(202, outcome.statusCode(), outcome.bodyAsString());
            assertEquals(409, a.post("/v1/evaluations/" + first.getString("evaluation_id") + "/outcome",
                    new JsonObject().put("result", "success")).statusCode());

            JsonObject again = b.post("/v1/evaluate", login("alice", BOXFORD_GB, T0.plusSeconds(3600))).bodyAsJsonObject();
            assertEquals("match", again.getJsonObject("assessments").getJsonObject("NewDevice").getString("code"));
            assertEquals("allow", again.getString("action"));
            var tables = TestService.await(schema.admin().preparedQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'known_devices'")
                    .execute(io.vertx.sqlclient.Tuple.of(schema.name)));
            assertEquals(1L, tables.iterator().next().getLong(0), "the nodes worked in the test's own schema");
        } finally {
            TestService.await(vertx.close());
        }
    }
}
