package dev.amfa.store.postgres;

import dev.amfa.TestService;
import dev.amfa.callers.Caller;
import dev.amfa.store.Challenge;
import dev.amfa.store.ChallengeStore;
import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.OutcomeClaim;
import dev.amfa.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The challenge and factor stores on the real database, two nodes racing where it matters. */
class PgChallengeStoresTest {
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static Vertx vertx;
    private static PgSchema schema;
    private static Stores node1;
    private static Stores node2;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        schema = new PgSchema(vertx);
        node1 = TestService.await(Stores.postgres(vertx, schema.options(), Duration.ofHours(1)));
        node2 = TestService.await(Stores.postgres(vertx, schema.options(), Duration.ofHours(1)));
    }

    @AfterAll
    static void close() {
        TestService.await(node1.close());
        TestService.await(node2.close());
        schema.close();
        TestService.await(vertx.close());
    }

    private static Challenge challenge(String id, String user, Instant at) {
        return new Challenge(id, "e-" + id, "acme", user, "email", user + "@example.com", new byte[]{1, 2, 3}, at,
                at.plusSeconds(300), 0, Challenge.PENDING, 1, at, "oidc");
    }

    @Test
    void aPendingEvaluationCarriesWhatAChallengeNeedsUntilItsOutcome() {
        EvaluationRecord record = new EvaluationRecord("e-chal", "acme", "fay", "192.0.2.1", T, null, null, "challenge",
                List.of("otp", "email"), "fay@example.com", List.of("email", "otp", "webauthn-roaming"), "oidc");
        TestService.await(node1.evaluations().save(record));
        assertEquals(record, TestService.await(node2.evaluations().findPending("e-chal")));
        assertEquals(OutcomeClaim.Status.CLAIMED, TestService.await(node2.evaluations().claimOutcome("e-chal")).status());
        assertNull(TestService.await(node1.evaluations().findPending("e-chal")), "finished");
        assertNull(TestService.await(node1.evaluations().findPending("e-unknown")));
    }

    @Test
    void anOutcomeClaimOfAnotherServiceOrOrgIsUnknownOnEveryNode() {
        EvaluationRecord record = new EvaluationRecord("e-own", "acme", "gus", "192.0.2.1", T, null, null, "oidc");
        TestService.await(node1.evaluations().save(record));
        TestService.await(node1.evaluations().save(new EvaluationRecord("e-old", "acme", "gus", "192.0.2.1", T, null, null, null)));
        Caller portal = Caller.service("portal", Set.of("acme"));
        assertEquals(OutcomeClaim.Status.UNKNOWN, TestService.await(node2.evaluations().claimOutcome("e-own", portal)).status());
        assertEquals(OutcomeClaim.Status.UNKNOWN, TestService.await(node2.evaluations()
                .claimOutcome("e-own", Caller.service("oidc", Set.of("bank")))).status(), "its name, another org");
        assertEquals(OutcomeClaim.Status.CLAIMED, TestService.await(node1.evaluations()
                .claimOutcome("e-own", Caller.service("oidc", null))).status());
        assertEquals(OutcomeClaim.Status.UNKNOWN, TestService.await(node2.evaluations().claimOutcome("e-own", portal)).status(),
                "not even that it was claimed");
        assertEquals(OutcomeClaim.Status.UNKNOWN, TestService.await(node2.evaluations().claimOutcome("e-old", portal)).status());
        assertEquals(OutcomeClaim.Status.CLAIMED, TestService.await(node2.evaluations().claimOutcome("e-old", Caller.ADMIN)).status());
    }

    @Test
    void concurrentEmailSendsOnTwoNodesStopAtEachScopesLimit() {
        ChallengeStore.SendLimit address = ChallengeStore.SendLimit.address("y@example.com", 10);
        List<Future<ChallengeStore.SendLimit>> sends = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ChallengeStore.SendLimit user = ChallengeStore.SendLimit.user("acme", "u" + i, 10);
            sends.add((i % 2 == 0 ? node1 : node2).challenges().recordSend(List.of(user, address), T.minusSeconds(900), T));
        }
        TestService.await(Future.join(sends));
        assertEquals(10, sends.stream().filter(f -> f.succeeded() && f.result() == null).count());
        assertEquals(20, sends.stream().filter(f -> address.equals(f.result())).count());
        ChallengeStore.SendLimit fresh = ChallengeStore.SendLimit.user("acme", "fresh", 1);
        assertEquals(address, TestService.await(node1.challenges().recordSend(List.of(fresh, address), T.minusSeconds(900), T)));
        assertNull(TestService.await(node2.challenges().recordSend(List.of(fresh), T.minusSeconds(900), T)),
                "a refused send records nothing");
        assertEquals(fresh, TestService.await(node2.challenges().recordSend(List.of(fresh), T.minusSeconds(900), T)));
        TestService.await(node1.challenges().erase("acme", "fresh"));
        assertNull(TestService.await(node2.challenges().recordSend(List.of(fresh), T.minusSeconds(900), T)),
                "erasing the user forgets its sends");
        assertNull(TestService.await(node2.challenges().recordSend(List.of(address), T.plusSeconds(1), T.plusSeconds(901))),
                "sends older than the window no longer count");
    }

    @Test
    void twentyConcurrentGuessesOnTwoNodesTakeExactlyTheAllowedAttempts() {
        TestService.await(node1.challenges().create(challenge("c-race", "ada", T)));
        List<Future<Challenge>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) guesses.add((i % 2 == 0 ? node1 : node2).challenges().takeAttempt("c-race", 5));
        TestService.await(Future.join(guesses));
        assertEquals(5, guesses.stream().filter(g -> g.result() != null).count());
        assertEquals(5, TestService.await(node2.challenges().find("c-race")).attempts());
    }

    @Test
    void aChallengeFinishesOnceAndANewCodeOnlyReplacesAPendingOne() {
        ChallengeStore store = node1.challenges();
        TestService.await(store.create(challenge("c-once", "bea", T)));
        assertTrue(TestService.await(store.replaceCode("c-once", new byte[]{9}, T.plusSeconds(600), T.plusSeconds(30), 1)));
        Challenge renewed = TestService.await(node2.challenges().find("c-once"));
        assertArrayEquals(new byte[]{9}, renewed.codeHash());
        assertEquals(2, renewed.sends());
        assertEquals(T.plusSeconds(600), renewed.expiresAt());
        // Two nodes resending at once: one code wins, so the send limits hold.
        List<Future<Boolean>> resends = List.of(
                node1.challenges().replaceCode("c-once", new byte[]{5}, T.plusSeconds(660), T.plusSeconds(60), 2),
                node2.challenges().replaceCode("c-once", new byte[]{6}, T.plusSeconds(660), T.plusSeconds(60), 2));
        TestService.await(Future.join(resends));
        assertEquals(1, resends.stream().filter(Future::result).count());
        assertEquals(3, TestService.await(store.find("c-once")).sends());
        List<Future<Boolean>> finishes = List.of(node1.challenges().finish("c-once", Challenge.PASSED),
                node2.challenges().finish("c-once", Challenge.LOCKED));
        TestService.await(Future.join(finishes));
        assertEquals(1, finishes.stream().filter(Future::result).count());
        assertFalse(TestService.await(store.replaceCode("c-once", new byte[]{7}, T, T, 3)));
        assertNull(TestService.await(store.takeAttempt("c-once", 5)));
        assertNull(TestService.await(store.find("c-unknown")));
    }

    @Test
    void activityCountsTheWindowsStartsAndFailuresAndEraseForgetsTheUser() {
        ChallengeStore store = node1.challenges();
        TestService.await(store.create(challenge("c-old", "cid", T.minusSeconds(3600))));
        TestService.await(store.create(challenge("c-new1", "cid", T)));
        TestService.await(store.create(challenge("c-new2", "cid", T)));
        TestService.await(store.takeAttempt("c-new1", 5));
        TestService.await(store.takeAttempt("c-new1", 5));
        TestService.await(store.takeAttempt("c-new2", 5));
        TestService.await(store.finish("c-new2", Challenge.PASSED));
        assertEquals(new ChallengeStore.ChallengeActivity(2, 2), TestService.await(store.activity("acme", "cid", T.minusSeconds(60))));
        assertEquals(new ChallengeStore.ChallengeActivity(0, 0), TestService.await(store.activity("other", "cid", T.minusSeconds(60))));
        TestService.await(store.erase("acme", "cid"));
        assertEquals(new ChallengeStore.ChallengeActivity(0, 0), TestService.await(store.activity("acme", "cid", T.minusSeconds(7200))));
    }

    @Test
    void aTotpStepIsTakenOnceAcrossNodesAndOnlyAfterConfirmation() {
        TestService.await(node1.factors().saveTotp("acme", "dan", new byte[]{4, 5, 6}));
        assertFalse(TestService.await(node1.factors().useTotpStep("acme", "dan", 100, false)), "unconfirmed");
        assertTrue(TestService.await(node2.factors().useTotpStep("acme", "dan", 100, true)));
        var enrolment = TestService.await(node1.factors().totp("acme", "dan"));
        assertTrue(enrolment.confirmed());
        assertEquals(100, enrolment.lastStep());
        List<Future<Boolean>> same = List.of(node1.factors().useTotpStep("acme", "dan", 101, false),
                node2.factors().useTotpStep("acme", "dan", 101, false));
        TestService.await(Future.join(same));
        assertEquals(1, same.stream().filter(Future::result).count());
        assertFalse(TestService.await(node1.factors().useTotpStep("acme", "dan", 100, false)), "older than the last");
        // Enrolling again beside a confirmed secret: the new one waits, the confirmed one keeps working.
        TestService.await(node2.factors().saveTotp("acme", "dan", new byte[]{7}));
        var pending = TestService.await(node1.factors().totp("acme", "dan"));
        assertTrue(pending.confirmed());
        assertArrayEquals(new byte[]{4, 5, 6}, pending.sealedSecret());
        assertArrayEquals(new byte[]{7}, pending.pendingSecret());
        assertTrue(TestService.await(node1.factors().useTotpStep("acme", "dan", 102, false)), "the confirmed secret still passes");
        // Its first code replaces the confirmed one, once, on whichever node.
        assertFalse(TestService.await(node1.factors().confirmPendingTotp("acme", "dan", new byte[]{8}, 103)), "not the pending one");
        List<Future<Boolean>> confirms = List.of(node1.factors().confirmPendingTotp("acme", "dan", new byte[]{7}, 103),
                node2.factors().confirmPendingTotp("acme", "dan", new byte[]{7}, 103));
        TestService.await(Future.join(confirms));
        assertEquals(1, confirms.stream().filter(Future::result).count());
        var replaced = TestService.await(node2.factors().totp("acme", "dan"));
        assertArrayEquals(new byte[]{7}, replaced.sealedSecret());
        assertNull(replaced.pendingSecret());
        assertEquals(103, replaced.lastStep());
        assertNull(TestService.await(node1.factors().totp("other-org", "dan")));
        // An unconfirmed enrolment is simply replaced.
        TestService.await(node1.factors().saveTotp("acme", "newbie", new byte[]{1}));
        TestService.await(node2.factors().saveTotp("acme", "newbie", new byte[]{2}));
        var newbie = TestService.await(node1.factors().totp("acme", "newbie"));
        assertArrayEquals(new byte[]{2}, newbie.sealedSecret());
        assertFalse(newbie.confirmed());
        assertNull(newbie.pendingSecret());
    }

    @Test
    void recoveryCodesAreUsedOnceAndReplacedTogether() {
        byte[] a = {1};
        byte[] b = {2};
        TestService.await(node1.factors().replaceRecoveryCodes("acme", "eve", List.of(a, b)));
        assertEquals(2, TestService.await(node2.factors().unusedRecoveryCodes("acme", "eve")).size());
        List<Future<Boolean>> race = List.of(node1.factors().useRecoveryCode("acme", "eve", a),
                node2.factors().useRecoveryCode("acme", "eve", a));
        TestService.await(Future.join(race));
        assertEquals(1, race.stream().filter(Future::result).count());
        assertArrayEquals(b, TestService.await(node1.factors().unusedRecoveryCodes("acme", "eve")).get(0));
        TestService.await(node1.factors().replaceRecoveryCodes("acme", "eve", List.of(new byte[]{3})));
        assertFalse(TestService.await(node1.factors().useRecoveryCode("acme", "eve", b)));
        TestService.await(node2.factors().erase("acme", "eve"));
        assertTrue(TestService.await(node1.factors().unusedRecoveryCodes("acme", "eve")).isEmpty());
    }

    @Test
    void aBurstOfStartsAndGuessesOnTwoNodesStopsExactlyAtTheUsersLimits() {
        ChallengeStore.UserLimit starts = new ChallengeStore.UserLimit(10, T.minusSeconds(900));
        List<Future<Boolean>> created = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            created.add((i % 2 == 0 ? node1 : node2).challenges().createWithin(challenge("burst-" + i, "gus", T), starts));
        }
        TestService.await(Future.join(created));
        assertEquals(10, created.stream().filter(Future::result).count(), "exactly the user's start limit");

        // Ten failed guesses per user, five per challenge: 40 parallel guesses over the ten challenges.
        ChallengeStore.UserLimit failures = new ChallengeStore.UserLimit(10, T.minusSeconds(900));
        List<Future<ChallengeStore.Attempt>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "burst-" + (i % 20);
            guesses.add((i % 2 == 0 ? node1 : node2).challenges().takeAttemptWithin(id, 5, failures));
        }
        TestService.await(Future.join(guesses));
        assertEquals(10, guesses.stream().filter(g -> g.result().taken() != null).count(), "exactly the user's failure limit");
        assertTrue(guesses.stream().anyMatch(g -> g.result().userLimited()));
        assertEquals(new ChallengeStore.ChallengeActivity(10, 10),
                TestService.await(node1.challenges().activity("acme", "gus", T.minusSeconds(900))));
    }

    @Test
    void theInMemoryStoreKeepsTheSameUserLimits() throws Exception {
        ChallengeStore memory = new dev.amfa.store.memory.InMemoryChallengeStore(Duration.ofHours(1));
        ChallengeStore.UserLimit limit = new ChallengeStore.UserLimit(3, T.minusSeconds(900));
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> created = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String id = "mem-" + i;
                created.add(threads.submit(() -> TestService.await(memory.createWithin(challenge(id, "hal", T), limit))));
            }
            List<String> made = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) if (created.get(i).get()) made.add("mem-" + i);
            assertEquals(3, made.size());
            // Twelve guesses over the three challenges would fit their five attempts each; the user's limit is three.
            List<java.util.concurrent.Future<ChallengeStore.Attempt>> guesses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String id = made.get(i % 3);
                guesses.add(threads.submit(() -> TestService.await(memory.takeAttemptWithin(id, 5, limit))));
            }
            int taken = 0;
            for (var g : guesses) taken += g.get().taken() != null ? 1 : 0;
            assertEquals(3, taken);
        } finally {
            threads.shutdownNow();
        }
    }
}
