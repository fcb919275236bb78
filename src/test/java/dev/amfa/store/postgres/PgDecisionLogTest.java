package dev.amfa.store.postgres;

import dev.amfa.TestService;
import dev.amfa.decisions.DecisionEvent;
import dev.amfa.decisions.DecisionRecord;
import dev.amfa.decisions.Replay;
import dev.amfa.http.AdminPoliciesApiTest;
import dev.amfa.http.Logins;
import dev.amfa.stats.Seed;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.amfa.stats.Seed.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision log in PostgreSQL behind the real API: the same answers as the heap log, replayable records,
 * anonymisation, retention, and the search's index plans.
 */
class PgDecisionLogTest {
    private static Vertx vertx;
    private static PgSchema schema;
    private static TestService service;
    private static int evaluations;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        schema = new PgSchema(vertx);
        service = TestService.start(TestService.config().withStore("postgres", schema.url()));
        evaluations = Seed.run(service, 4);
    }

    @AfterAll
    static void stop() {
        service.close();
        schema.close();
        TestService.await(vertx.close());
    }

    private static JsonObject admin(String path) {
        var response = service.admin(HttpMethod.GET, path, null);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    @Test
    void statisticsFromSqlEqualTheHeapLogs() {
        String query = "/v1/stats?org=acme&from=" + T0 + "&to=" + T0.plusSeconds(86_400);
        try (TestService memory = TestService.start()) {
            Seed.run(memory, 4);
            JsonObject expected = memory.admin(HttpMethod.GET, query, null).bodyAsJsonObject();
            JsonObject actual = admin(query);
            for (String field : expected.fieldNames()) assertEquals(expected.getValue(field), actual.getValue(field), field);
            assertEquals(evaluations, expected.getJsonObject("totals").getInteger("evaluations"));
        }
    }

    @Test
    void searchPagesAndFindsWithEvents() {
        JsonArray carol = admin("/v1/decisions?org=acme&user=carol").getJsonArray("decisions");
        assertEquals(3, carol.size());
        assertEquals("SE", carol.getJsonObject(0).getString("country"));
        assertEquals(4, admin("/v1/decisions?org=acme&code=initial_login&from=" + T0.plusSeconds(9_000)).getJsonArray("decisions").size());
        JsonObject page = admin("/v1/decisions?org=acme&limit=5");
        assertEquals(5, page.getJsonArray("decisions").size());
        JsonObject rest = admin("/v1/decisions?org=acme&limit=5&cursor=" + page.getString("next_cursor"));
        assertEquals(evaluations - 5, rest.getJsonArray("decisions").size());
        assertEquals(null, rest.getString("next_cursor"));

        String first = carol.getJsonObject(2).getString("evaluation_id");
        JsonObject one = admin("/v1/decisions/" + first);
        assertEquals("outcome", one.getJsonArray("events").getJsonObject(0).getString("type"));
        assertTrue(one.getJsonObject("assessments").containsKey("ImpossibleTravel"));
    }

    @Test
    void recordsReadBackReplayToTheSameDecisions() {
        List<DecisionRecord> records = service.service().decisions().recent("acme", 1_000);
        assertEquals(evaluations, records.size());
        JsonObject replay = Replay.run(service.service().policies().current().forOrg("acme"), records);
        assertEquals(evaluations, replay.getInteger("replayed"));
        assertEquals(0, replay.getInteger("changed"), replay.encode());
    }

    @Test
    void aDryRunReplaysTheDecisionsReadFromTheDatabase() {
        // recent() blocks on the database: the dry run calls it on a worker thread.
        var dry = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme?dry_run=true",
                AdminPoliciesApiTest.upload(AdminPoliciesApiTest.DENY_GB, AdminPoliciesApiTest.GB_TEST));
        assertEquals(200, dry.statusCode(), dry.bodyAsString());
        JsonObject replay = dry.bodyAsJsonObject().getJsonObject("replay");
        assertEquals(evaluations, replay.getInteger("replayed"));
        // alice's two logins came from Boxford, GB.
        assertEquals(1, replay.getJsonObject("transitions").getInteger("allow -> deny"), replay.encode());
        assertEquals(1, replay.getJsonObject("transitions").getInteger("challenge -> deny"), replay.encode());
    }

    @Test
    void anonymisingReplacesTheUserAndIpEverywhere() {
        // Another org, so the other tests' counts of acme stay as seeded.
        String id = service.post("/v1/evaluate", Logins.login("erin", Logins.BOXFORD_GB, "cookie-9", Logins.CHROME_WINDOWS,
                T0.plusSeconds(20_000)).put("org", "beta")).bodyAsJsonObject().getString("evaluation_id");
        service.service().decisions().appendEvent(new DecisionEvent(id, "beta", "erin", DecisionEvent.CHALLENGE_SENT,
                T0.plusSeconds(20_001), new JsonObject().put("factor", "email")));
        assertEquals(1L, TestService.await(service.service().decisions().anonymise("beta", "erin")));
        assertEquals(0, admin("/v1/decisions?org=beta&user=erin").getJsonArray("decisions").size());
        JsonObject one = admin("/v1/decisions/" + id);
        assertTrue(one.getString("user").startsWith("anonymised:"), one.encode());
        assertEquals(one.getString("user"), one.getString("ip"));
        assertTrue(!one.encode().contains("erin"), one.encode());
        assertEquals(1, service.service().decisions().events(id).size());
        assertEquals(one.getString("user"), service.service().decisions().events(id).get(0).userId());
    }

    @Test
    void retentionDeletesOldDecisionsAndTheirEvents() {
        Instant now = T0.plus(Duration.ofDays(30));
        // Older than the 90 days kept, within the year a live evaluation's timestamp may be old.
        service.post("/v1/evaluate", Logins.login("old", Logins.BOXFORD_GB, T0.minus(Duration.ofDays(200))).put("org", "gamma"));
        TestService.await(service.service().decisions().flush());
        long deleted = TestService.await(new Retention(service.service().security().pool(), Duration.ofDays(3650),
                Duration.ofDays(90)).run(now));
        assertEquals(1, deleted);
        assertEquals(0, admin("/v1/decisions?user=old").getJsonArray("decisions").size());
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() {
        var pool = service.service().security().pool();
        DecisionWriter writer = new DecisionWriter(vertx, pool, 2, 10);
        try {
            for (int i = 0; i < 5; i++) {
                writer.offer(new DecisionEvent("q" + i, "acme", "u", DecisionEvent.CHALLENGE_SENT, T0, null));
            }
            assertEquals(3, writer.dropped());
            TestService.await(writer.flush());
            assertEquals(2L, TestService.await(pool.query("SELECT count(*) FROM decision_events WHERE evaluation_id LIKE 'q%'")
                    .execute()).iterator().next().getLong(0));
        } finally {
            writer.stop();
        }
    }

    @Test
    void eachSearchUsesTheIndexMadeForIt() {
        String plans = explain(
                "?org=acme", "decisions_org_time",
                "?org=acme&user=carol", "decisions_org_user_time",
                "?org=acme&action=deny", "decisions_org_action_time",
                "?code=impossible_travel_from_last_login", "decisions_codes",
                "?from=" + T0 + "&to=" + T0.plusSeconds(60), "decisions_time");
        assertTrue(plans.isEmpty(), plans);
    }

    /** Pairs of query string and index; answers the plans that did not use their index. */
    private static String explain(String... pairs) {
        StringBuilder wrong = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            String query = pairs[i].substring(1);
            var q = dev.amfa.decisions.DecisionQuery.parse(name -> {
                for (String kv : query.split("&")) if (kv.startsWith(name + "=")) return kv.substring(name.length() + 1);
                return null;
            });
            DecisionSearchSql sql = DecisionSearchSql.of(q);
            String plan = TestService.await(service.service().security().pool().withConnection((SqlConnection c) ->
                    c.query("SET enable_seqscan = off").execute()
                            .compose(x -> c.preparedQuery("EXPLAIN " + sql.sql()).execute(sql.args()))
                            .map(rows -> {
                                List<String> lines = new ArrayList<>();
                                for (Row row : rows) lines.add(row.getString(0));
                                return String.join("\n", lines);
                            })));
            if (!plan.contains(pairs[i + 1])) wrong.append(pairs[i]).append(" expected ").append(pairs[i + 1]).append(":\n").append(plan).append('\n');
        }
        return wrong.toString();
    }
}
