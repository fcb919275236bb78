package dev.amfa.evaluation;

import dev.amfa.MovableClock;
import dev.amfa.callers.Caller;
import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.Stores;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutcomeRetriesTest {
    private static final Outcome SUCCESS = new Outcome(true, "passed");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static List<String> retried(OutcomeRetries retries, Set<String> failing) {
        List<String> taken = new ArrayList<>();
        retries.retry(pending -> {
            if (failing.contains(pending.evaluationId())) return Future.failedFuture("store away");
            taken.add(pending.evaluationId());
            return Future.succeededFuture();
        });
        return taken;
    }

    @Test
    void aFullBufferDropsTheOldestAndCountsIt() {
        OutcomeRetries retries = new OutcomeRetries(3, Duration.ofHours(1), new MovableClock(T0));
        for (String id : List.of("e1", "e2", "e3", "e4", "e5")) retries.offer(id, SUCCESS, null);
        assertEquals(3, retries.queued());
        assertEquals(2, retries.dropped());
        assertEquals(List.of("e3", "e4", "e5"), retried(retries, Set.of()));
        assertEquals(0, retries.queued());
    }

    @Test
    void aPassStopsAtTheFirstFailureAndKeepsTheOrder() {
        OutcomeRetries retries = new OutcomeRetries(10, Duration.ofHours(1), new MovableClock(T0));
        for (String id : List.of("e1", "e2", "e3")) retries.offer(id, SUCCESS, null);
        assertEquals(List.of("e1"), retried(retries, Set.of("e2")));
        assertEquals(2, retries.queued());
        assertEquals(List.of("e2", "e3"), retried(retries, Set.of()));
        assertEquals(0, retries.dropped());
        assertEquals(3L, retries.toJson().getLong("retried"));
    }

    @Test
    void anOutcomeOlderThanItsEvaluationsRetentionIsDroppedAndCounted() {
        MovableClock clock = new MovableClock(T0);
        OutcomeRetries retries = new OutcomeRetries(10, Duration.ofMinutes(60), clock);
        retries.offer("old", SUCCESS, null);
        clock.advance(Duration.ofMinutes(30));
        retries.offer("young", SUCCESS, null);
        clock.advance(Duration.ofMinutes(31));
        assertEquals(List.of("young"), retried(retries, Set.of()));
        assertEquals(1, retries.dropped());
    }

    @Test
    void aQueuedOutcomeIsStillHeldToWhatItsCallerMayUseWhenRetried() {
        Stores stores = Stores.memory(Duration.ofHours(1));
        stores.evaluations().save(new EvaluationRecord("e-oidc", "acme", "u", "192.0.2.1", T0, null, null, "oidc"));
        OutcomeRetries retries = new OutcomeRetries(10, Duration.ofHours(1), new MovableClock(T0));
        OutcomeRecorder recorder = new OutcomeRecorder(stores, retries, event -> { }, new MovableClock(T0));
        // Acknowledged as queued while the store was away: the claim, retried, must not skip the creator check.
        retries.offer("e-oidc", SUCCESS, null, Caller.service("portal", Set.of("acme")));
        recorder.retryQueued();
        assertEquals(0, retries.queued());
        assertEquals("e-oidc", stores.evaluations().findPending("e-oidc").result().id(), "still awaits its own service's outcome");
        retries.offer("e-oidc", SUCCESS, null, Caller.service("oidc", Set.of("acme")));
        recorder.retryQueued();
        assertEquals(null, stores.evaluations().findPending("e-oidc").result());
    }
}
