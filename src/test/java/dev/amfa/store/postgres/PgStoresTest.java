package dev.amfa.store.postgres;

import dev.amfa.TestService;
import dev.amfa.geo.Place;
import dev.amfa.store.DeviceFingerprints;
import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.KnownDevice;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.OutcomeClaim;
import dev.amfa.store.Stores;
import dev.amfa.store.UserHistory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PostgreSQL stores against the real local database, each run in a schema of its own. */
class PgStoresTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final Place LONDON = new Place("GB", "England", "London", 51.5142, -0.0931, 10, "Europe/London");
    private static Vertx vertx;
    private static PgSchema schema;
    private static Stores node1;
    private static Stores node2;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        schema = new PgSchema(vertx);
        // Two "nodes" migrating at the same moment: the advisory lock lets one migrate, the other sees it done.
        var first = Stores.postgres(vertx, schema.options(), Duration.ofHours(1));
        var second = Stores.postgres(vertx, schema.options(), Duration.ofHours(1));
        node1 = TestService.await(first);
        node2 = TestService.await(second);
    }

    @AfterAll
    static void close() {
        TestService.await(node1.close());
        TestService.await(node2.close());
        schema.close();
        TestService.await(vertx.close());
    }

    @Test
    void migrationsRanOnceAndANewerDatabaseIsRefused() {
        var rows = TestService.await(schema.admin().query("SELECT count(*) FROM " + schema.name + ".schema_migrations").execute());
        assertEquals(Migrations.FILES.size(), rows.iterator().next().getLong(0).intValue());
        TestService.await(schema.admin().query("INSERT INTO " + schema.name + ".schema_migrations (version) VALUES (999)").execute());
        try {
            Future<Stores> newer = Stores.postgres(vertx, schema.options(), Duration.ofHours(1));
            Throwable failure = TestService.await(newer.transform(done -> Future.succeededFuture(done.cause())));
            assertTrue(failure != null && failure.getMessage().contains("newer than this code"), String.valueOf(failure));
        } finally {
            TestService.await(schema.admin().query("DELETE FROM " + schema.name + ".schema_migrations WHERE version = 999").execute());
        }
    }

    @Test
    void aSuccessOnOneNodeIsHistoryOnTheOther() {
        assertTrue(TestService.await(node2.users().load("acme", "alice")).neverSeen());
        KnownDevice laptop = new KnownDevice("id:laptop", null, "Chrome", "Windows", T);
        TestService.await(node1.users().rememberSuccess("acme", "alice", T, laptop, new KnownLogin(LONDON, T)));
        TestService.await(node1.users().rememberSuccess("acme", "alice", T.plusSeconds(60),
                new KnownDevice("id:laptop", null, "Chrome", "Windows", T.plusSeconds(60)), new KnownLogin(LONDON, T.plusSeconds(60))));
        TestService.await(node1.users().rememberSuccess("acme", "alice", T.minusSeconds(60), null, null));
        TestService.await(node1.users().recordFailure("acme", "alice", T.plusSeconds(5)));

        UserHistory history = TestService.await(node2.users().load("acme", "alice"));
        assertEquals(T.minusSeconds(60), history.firstSeen());
        assertEquals(1, history.devices().size());
        assertEquals(T.plusSeconds(60), history.devices().get(0).lastSeen());
        assertEquals("Chrome", history.devices().get(0).browserFamily());
        assertEquals(2, history.logins().size());
        assertEquals(T.plusSeconds(60), history.lastLogin().orElseThrow().at());
        assertEquals(LONDON, history.lastLogin().orElseThrow().place());
        assertEquals(List.of(T.plusSeconds(5)), history.failures());
        assertTrue(TestService.await(node2.users().load("other-org", "alice")).neverSeen());
    }

    @Test
    void aDevicesFingerprintIsKeptUntilItSendsAnotherOnEveryNode() {
        DeviceFingerprints.checkLearning(node1.users(), node2.users(), T);
    }

    @Test
    void velocityCountsEveryNodesFailures() {
        for (int i = 0; i < 6; i++) {
            Stores node = i % 2 == 0 ? node1 : node2;
            TestService.await(node.velocity().recordFailure("192.0.2.9", "acme/u" + (i % 3), T.plusSeconds(i)));
        }
        TestService.await(node1.velocity().recordFailure("192.0.2.9", "acme/old", T.minus(Duration.ofHours(2))));
        var seen = TestService.await(node2.velocity().failuresFrom("192.0.2.9", T.minus(Duration.ofMinutes(15))));
        assertEquals(6, seen.failures());
        assertEquals(3, seen.distinctUsers());
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsOnTwoNodesWins() {
        EvaluationRecord record = new EvaluationRecord("e-claim", "acme", "alice", "192.0.2.1", T,
                new KnownDevice("id:d", "fp-d", "Chrome", "Windows", T), LONDON, "oidc");
        TestService.await(node1.evaluations().save(record));
        List<Future<OutcomeClaim>> claims = new ArrayList<>();
        for (int i = 0; i < 20; i++) claims.add((i % 2 == 0 ? node1 : node2).evaluations().claimOutcome("e-claim"));
        TestService.await(Future.all(claims));
        long won = claims.stream().filter(c -> c.result().status() == OutcomeClaim.Status.CLAIMED).count();
        assertEquals(1, won);
        OutcomeClaim winner = claims.stream().map(Future::result).filter(c -> c.status() == OutcomeClaim.Status.CLAIMED)
                .findFirst().orElseThrow();
        assertEquals(record, winner.record());
        assertEquals(OutcomeClaim.Status.UNKNOWN, TestService.await(node2.evaluations().claimOutcome("nope")).status());
    }
}
