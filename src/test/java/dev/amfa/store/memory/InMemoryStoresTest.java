package dev.amfa.store.memory;

import dev.amfa.callers.Caller;
import dev.amfa.geo.Place;
import dev.amfa.store.ChallengeStore;
import dev.amfa.store.DeviceFingerprints;
import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.KnownDevice;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.OutcomeClaim;
import dev.amfa.store.UserHistory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryStoresTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final Place LONDON = new Place("GB", null, "London", 51.5, -0.1, 10, null);

    @Test
    void exactlyOneOfManyConcurrentOutcomeClaimsWins() throws Exception {
        InMemoryEvaluationStore store = new InMemoryEvaluationStore(Duration.ofHours(1));
        store.save(new EvaluationRecord("e1", "acme", "alice", "192.0.2.1", T, null, null, "oidc"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<OutcomeClaim.Status>> claims = new ArrayList<>();
            for (int i = 0; i < 64; i++) claims.add(() -> store.claimOutcome("e1").result().status());
            List<OutcomeClaim.Status> results = new ArrayList<>();
            for (Future<OutcomeClaim.Status> f : pool.invokeAll(claims)) results.add(f.get());
            assertEquals(1, results.stream().filter(s -> s == OutcomeClaim.Status.CLAIMED).count());
            assertEquals(63, results.stream().filter(s -> s == OutcomeClaim.Status.ALREADY_RECORDED).count());
        } finally {
            pool.shutdown();
        }
        assertEquals(OutcomeClaim.Status.UNKNOWN, store.claimOutcome("nope").result().status());
    }

    @Test
    void anOutcomeClaimOfAnotherServiceOrOrgIsUnknownAndLeavesTheEvaluationUnclaimed() {
        InMemoryEvaluationStore store = new InMemoryEvaluationStore(Duration.ofHours(1));
        store.save(new EvaluationRecord("e1", "acme", "alice", "192.0.2.1", T, null, null, "oidc"));
        store.save(new EvaluationRecord("old", "acme", "alice", "192.0.2.1", T, null, null, null));
        Caller portal = Caller.service("portal", Set.of("acme"));
        Caller oidcElsewhere = Caller.service("oidc", Set.of("bank"));
        assertEquals(OutcomeClaim.Status.UNKNOWN, store.claimOutcome("e1", portal).result().status());
        assertEquals(OutcomeClaim.Status.UNKNOWN, store.claimOutcome("e1", oidcElsewhere).result().status());
        assertEquals(OutcomeClaim.Status.CLAIMED, store.claimOutcome("e1", Caller.service("oidc", Set.of("acme"))).result().status());
        assertEquals(OutcomeClaim.Status.UNKNOWN, store.claimOutcome("e1", portal).result().status(), "not even that it was claimed");
        assertEquals(OutcomeClaim.Status.UNKNOWN, store.claimOutcome("old", portal).result().status(), "no creator: the admin's");
        assertEquals(OutcomeClaim.Status.CLAIMED, store.claimOutcome("old", Caller.ADMIN).result().status());
    }

    @Test
    void concurrentEmailSendsStopAtEachScopesLimit() throws Exception {
        InMemoryChallengeStore store = new InMemoryChallengeStore(Duration.ofHours(1));
        ChallengeStore.SendLimit address = ChallengeStore.SendLimit.address("x@example.com", 10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> sends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ChallengeStore.SendLimit user = ChallengeStore.SendLimit.user("acme", "u" + i, 10);
                sends.add(() -> store.recordSend(List.of(user, address), T.minusSeconds(900), T).result() == null);
            }
            long recorded = 0;
            for (Future<Boolean> f : pool.invokeAll(sends)) recorded += f.get() ? 1 : 0;
            assertEquals(10, recorded);
        } finally {
            pool.shutdown();
        }
        ChallengeStore.SendLimit fresh = ChallengeStore.SendLimit.user("acme", "fresh", 1);
        assertEquals(address, store.recordSend(List.of(fresh, address), T.minusSeconds(900), T).result());
        assertEquals(null, store.recordSend(List.of(fresh), T.minusSeconds(900), T).result(), "a refused send records nothing");
        assertEquals(fresh, store.recordSend(List.of(fresh), T.minusSeconds(900), T).result());
        store.erase("acme", "fresh");
        assertEquals(null, store.recordSend(List.of(fresh), T.minusSeconds(900), T).result(), "erasing the user forgets its sends");
        assertEquals(null, store.recordSend(List.of(address), T.plusSeconds(1), T.plusSeconds(901)).result(),
                "sends older than the window no longer count");
    }

    @Test
    void userHistoryKeepsTheNewestLoginsFirstAndDevicesOnce() {
        InMemoryUserHistoryStore store = new InMemoryUserHistoryStore();
        assertTrue(store.load("acme", "alice").result().neverSeen());
        KnownDevice laptop = new KnownDevice("id:laptop", null, "Chrome", "Windows", T);
        store.rememberSuccess("acme", "alice", T, laptop, new KnownLogin(LONDON, T));
        store.rememberSuccess("acme", "alice", T.plusSeconds(60),
                new KnownDevice("id:laptop", null, "Chrome", "Windows", T.plusSeconds(60)), new KnownLogin(LONDON, T.plusSeconds(60)));
        store.rememberSuccess("acme", "alice", T.minusSeconds(60), null, null); // a late report of an older login
        UserHistory history = store.load("acme", "alice").result();
        assertEquals(T.minusSeconds(60), history.firstSeen());
        assertEquals(1, history.devices().size());
        assertEquals(T.plusSeconds(60), history.devices().get(0).lastSeen());
        assertEquals(T.plusSeconds(60), history.lastLogin().orElseThrow().at());
        assertTrue(store.load("other-org", "alice").result().neverSeen(), "users are scoped by org");
    }

    @Test
    void aDevicesFingerprintIsKeptUntilItSendsAnother() {
        InMemoryUserHistoryStore store = new InMemoryUserHistoryStore();
        DeviceFingerprints.checkLearning(store, store, T);
    }

    @Test
    void historyIsBoundedPerUser() {
        InMemoryUserHistoryStore store = new InMemoryUserHistoryStore();
        for (int i = 0; i < 500; i++) {
            Instant at = T.plusSeconds(i);
            store.rememberSuccess("acme", "busy", at, new KnownDevice("id:" + i, null, "Chrome", "Windows", at),
                    new KnownLogin(LONDON, at));
            store.recordFailure("acme", "busy", at);
        }
        UserHistory history = store.load("acme", "busy").result();
        assertEquals(InMemoryUserHistoryStore.MAX_DEVICES, history.devices().size());
        assertEquals(InMemoryUserHistoryStore.MAX_LOGINS, history.logins().size());
        assertEquals(InMemoryUserHistoryStore.MAX_FAILURES, history.failures().size());
        assertEquals("id:499", history.devices().get(0).key(), "the most recent devices are kept");
        assertEquals(10, history.failuresSince(T.plusSeconds(490)));
    }

    @Test
    void velocityCountsFailuresAndDistinctUsersInsideTheWindow() {
        InMemoryVelocityStore store = new InMemoryVelocityStore(Duration.ofMinutes(15));
        for (int i = 0; i < 10; i++) store.recordFailure("192.0.2.1", "acme/u" + (i % 4), T.plusSeconds(i));
        store.recordFailure("192.0.2.1", "acme/old", T.minus(Duration.ofHours(1)));
        var seen = store.failuresFrom("192.0.2.1", T.minus(Duration.ofMinutes(15))).result();
        assertEquals(10, seen.failures());
        assertEquals(4, seen.distinctUsers());
        assertEquals(0, store.failuresFrom("192.0.2.2", T).result().failures());
    }
}
