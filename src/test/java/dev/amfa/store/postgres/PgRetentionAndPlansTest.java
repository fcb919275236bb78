package dev.amfa.store.postgres;

import dev.amfa.TestService;
import dev.amfa.geo.Place;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.Stores;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Old data goes in small batches; the hot queries use the indexes made for them. */
class PgRetentionAndPlansTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Place PARIS = new Place("FR", null, "Paris", 48.85, 2.35, 20, null);
    private static Vertx vertx;
    private static PgSchema schema;
    private static Stores stores;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        schema = new PgSchema(vertx);
        stores = TestService.await(Stores.postgres(vertx, schema.options(), Duration.ofHours(1)));
    }

    @AfterAll
    static void close() {
        TestService.await(stores.close());
        schema.close();
        TestService.await(vertx.close());
    }

    @Test
    void retentionDeletesOnlyWhatIsOlderInBatches() {
        String table = schema.name + ".logins";
        // More old rows than one batch, so the pass has to loop.
        TestService.await(schema.admin().query("INSERT INTO " + table + " (org, user_id, at, place) SELECT 'acme', 'u' || g, "
                + "timestamptz '2026-01-01' + g * interval '1 second', '{}'::jsonb FROM generate_series(1, "
                + (Retention.BATCH + 1_234) + ") g").execute());
        TestService.await(stores.users().rememberSuccess("acme", "fresh", NOW, null, new KnownLogin(PARIS, NOW)));
        TestService.await(stores.velocity().recordFailure("192.0.2.1", "acme/x", NOW.minus(Duration.ofDays(100))));

        long deleted = TestService.await(new Retention(stores.pool(), Duration.ofDays(90)).run(NOW));
        assertEquals(Retention.BATCH + 1_234 + 1, deleted);
        assertEquals(1, TestService.await(stores.users().load("acme", "fresh")).logins().size());
        assertEquals(0, TestService.await(stores.velocity().failuresFrom("192.0.2.1", NOW.minus(Duration.ofDays(365)))).failures());
    }

    @Test
    void theHotQueriesUseTheirIndexes() {
        List<String> plans = TestService.await(stores.pool().withConnection((SqlConnection c) ->
                c.query("SET enable_seqscan = off").execute()
                        .compose(x -> c.query("EXPLAIN SELECT at, place FROM logins WHERE org = 'acme' AND user_id = 'u1' "
                                + "ORDER BY at DESC LIMIT 100").execute())
                        .map(rows -> {
                            List<String> lines = new ArrayList<>();
                            for (Row row : rows) lines.add(row.getString(0));
                            return lines;
                        })
                        .compose(logins -> c.query("EXPLAIN SELECT count(*) FROM ip_failures WHERE ip = '192.0.2.1' "
                                + "AND at >= now() - interval '15 minutes'").execute().map(rows -> {
                            List<String> lines = new ArrayList<>(logins);
                            for (Row row : rows) lines.add(row.getString(0));
                            return lines;
                        }))));
        String plan = String.join("\n", plans);
        assertTrue(plan.contains("logins_recent"), plan);
        assertTrue(plan.contains("ip_failures_window"), plan);
    }
}
