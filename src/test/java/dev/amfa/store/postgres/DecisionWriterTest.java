package dev.amfa.store.postgres;

import dev.amfa.TestService;
import dev.amfa.decisions.DecisionEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision log's batched writer: prompt flushes under steady traffic, nothing lost to an outage. */
class DecisionWriterTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static Vertx vertx;
    private static PgSchema schema;
    private static Pool direct;

    @BeforeAll
    static void database() {
        vertx = Vertx.vertx();
        schema = new PgSchema(vertx);
        direct = PgBuilder.pool().connectingTo(schema.options()).using(vertx).build();
        TestService.await(Migrations.apply(direct));
    }

    @AfterAll
    static void drop() {
        TestService.await(direct.close());
        schema.close();
        TestService.await(vertx.close());
    }

    private static DecisionEvent event(String id) {
        return new DecisionEvent(id, "acme", "u", DecisionEvent.CHALLENGE_SENT, T0, null);
    }

    private static long stored(String prefix) {
        return TestService.await(direct.preparedQuery("SELECT count(*) FROM decision_events WHERE evaluation_id LIKE $1")
                .execute(io.vertx.sqlclient.Tuple.of(prefix + "%"))).iterator().next().getLong(0);
    }

    @Test
    void aFlushWaitsForWhatWasQueuedNotForTrafficThatKeepsComing() {
        DecisionWriter writer = new DecisionWriter(vertx, direct, 100_000, 50);
        AtomicInteger sent = new AtomicInteger();
        // ~5,000 entries a second, for as long as the test runs: a queue that is never empty.
        long traffic = vertx.setPeriodic(1, t -> {
            for (int i = 0; i < 5; i++) writer.offer(event("steady-" + sent.incrementAndGet()));
        });
        try {
            for (int i = 0; i < 3; i++) writer.offer(event("marked-" + i));
            TestService.await(writer.flush());
            assertEquals(3, stored("marked-"), "everything queued before the flush is written when it completes");
        } finally {
            vertx.cancelTimer(traffic);
            writer.stop();
        }
    }

    @Test
    void aBatchThatFailsIsRetriedWhenTheDatabaseIsBackNotDropped() throws Exception {
        try (FaultProxy proxy = new FaultProxy(vertx, "127.0.0.1", 5432)) {
            PgConnectOptions viaProxy = schema.options().setPort(proxy.port());
            Pool pool = PgBuilder.pool().connectingTo(viaProxy).using(vertx).build();
            DecisionWriter writer = new DecisionWriter(vertx, pool, 1_000, 10);
            try {
                proxy.cut();
                for (int i = 0; i < 3; i++) writer.offer(event("outage-" + i));
                // A reader meets the outage instead of waiting for it.
                TestService.await(writer.flush());
                assertTrue(writer.failed() >= 1, "the failed write is counted as a store error");
                assertEquals(0, writer.dropped(), "nothing was dropped: the queue had room");

                proxy.restore();
                TestService.eventually(Duration.ofSeconds(15), () -> stored("outage-") == 3);
                assertEquals(3, stored("outage-"), "the batch was written once the database was back");
                assertEquals(0, writer.dropped());
            } finally {
                writer.stop();
                TestService.await(pool.close());
            }
        }
    }

    @Test
    void aRowTheDatabaseRefusesIsSetAsideAndTheRestOfItsBatchAndLaterOnesAreWritten() {
        DecisionWriter writer = new DecisionWriter(vertx, direct, 1_000, 10);
        try {
            for (int i = 0; i < 4; i++) writer.offer(event("before-nul-" + i));
            // PostgreSQL text cannot hold NUL: the whole batch insert failed, and was retried forever.
            writer.offer(new DecisionEvent("nul-user", "acme", "u\u0000x", DecisionEvent.CHALLENGE_SENT, T0, null));
            for (int i = 0; i < 4; i++) writer.offer(event("after-nul-" + i));
            TestService.await(writer.flush());
            assertEquals(4, stored("before-nul-"), "the rows beside the refused one are written");
            assertEquals(4, stored("after-nul-"));
            assertEquals(1, writer.setAside(), "the refused row is set aside and counted");
            assertEquals(0, writer.failed(), "a refused row is not an outage");

            writer.offer(event("later-"));
            TestService.await(writer.flush());
            assertEquals(1, stored("later-"), "the writer goes on writing");
            assertTrue(writer.health().ok(), writer.health().detail());
            assertTrue(writer.health().detail().contains("set aside 1"), writer.health().detail());
        } finally {
            writer.stop();
        }
    }

    @Test
    void aRowWhoseJsonCannotBeEncodedIsSetAsideNotAStackOverflowThatStopsTheWriter() {
        DecisionWriter writer = new DecisionWriter(vertx, direct, 1_000, 10);
        try {
            writer.offer(event("deep-before"));
            // Deeper than the stack: encoding it throws StackOverflowError, which used to escape the writer.
            writer.offer(new DecisionEvent("deep-row", "acme", "u", DecisionEvent.CHALLENGE_SENT, T0, dev.amfa.DeepJson.nested(100_000)));
            writer.offer(event("deep-after"));
            TestService.await(writer.flush());
            assertEquals(1, stored("deep-before"));
            assertEquals(1, stored("deep-after"));
            assertEquals(0, stored("deep-row"));
            assertEquals(1, writer.setAside());
        } finally {
            writer.stop();
        }
    }

    @Test
    void aWriterThatCannotWriteForLongIsReportedStalled() throws Exception {
        try (FaultProxy proxy = new FaultProxy(vertx, "127.0.0.1", 5432)) {
            Pool pool = PgBuilder.pool().connectingTo(schema.options().setPort(proxy.port())).using(vertx).build();
            DecisionWriter writer = new DecisionWriter(vertx, pool, 10, 5, 200);
            try {
                assertTrue(writer.health().ok(), writer.health().detail());
                proxy.cut();
                for (int i = 0; i < 3; i++) writer.offer(event("stalled-" + i));
                assertTrue(TestService.eventually(Duration.ofSeconds(10), () -> !writer.health().ok()),
                        "an outage that lasts is a stalled writer: " + writer.health().detail());
                assertTrue(writer.health().detail().startsWith("stalled"), writer.health().detail());
                for (int i = 0; i < 20; i++) writer.offer(event("behind-" + i));
                assertTrue(writer.dropped() > 0 && !writer.health().ok(), writer.health().detail());
                proxy.restore();
                assertTrue(TestService.eventually(Duration.ofSeconds(20), () -> writer.health().ok()),
                        "back to writing once the database is back: " + writer.health().detail());
            } finally {
                writer.stop();
                TestService.await(pool.close());
            }
        }
    }
}
