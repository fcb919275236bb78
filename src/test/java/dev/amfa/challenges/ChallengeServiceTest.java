package dev.amfa.challenges;

import dev.amfa.MovableClock;
import dev.amfa.callers.Caller;
import dev.amfa.TestService;
import dev.amfa.decisions.InMemoryDecisionLog;
import dev.amfa.evaluation.OutcomeRecorder;
import dev.amfa.mail.Outbox;
import dev.amfa.secrets.CodeHasher;
import dev.amfa.secrets.Keys;
import dev.amfa.secrets.SecretBox;
import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.Stores;
import dev.amfa.tokens.SigningKey;
import dev.amfa.tokens.TokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What depends on time (code lifetime, resend interval, sends per challenge), on a clock the test moves. */
class ChallengeServiceTest {
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private Vertx vertx;
    private Stores stores;
    private Outbox outbox;
    private ChallengeService challenges;

    @BeforeEach
    void wire() throws Exception {
        vertx = Vertx.vertx();
        stores = Stores.memory(Duration.ofHours(1));
        outbox = new Outbox();
        challenges = challenges(Limits.EMAILS_PER_SERVICE);
        TestService.await(stores.evaluations().save(new EvaluationRecord("e1", "acme", "tom", "192.0.2.1", clock.instant(),
                null, null, "challenge", List.of("email"), "tom@example.com", List.of("email"), "oidc")));
    }

    private ChallengeService challenges(int emailsPerService) throws Exception {
        CodeChecks checks = new CodeChecks(new CodeHasher(Keys.random(32)), new SecretBox(Keys.random(32)), stores.factors());
        return new ChallengeService(stores, checks, new CodeSender(outbox, "Acme", LIFETIME),
                new OutcomeRecorder(stores, new dev.amfa.evaluation.OutcomeRetries(10, Duration.ofHours(1), clock), event -> { }, clock),
                new InMemoryDecisionLog(10, 10),
                new TokenIssuer(vertx, SigningKey.load(null), "amfa", Duration.ofMinutes(5)), LIFETIME, clock, emailsPerService);
    }

    private void challenged(String id, String user, String email, String service) {
        TestService.await(stores.evaluations().save(new EvaluationRecord(id, "acme", user, "192.0.2.1", clock.instant(),
                null, null, "challenge", List.of("email"), email, List.of("email"), service)));
    }

    @Test
    void emailedCodesAreLimitedPerAddressWhoeverTheUserIs() {
        for (int i = 0; i < Limits.EMAILS_PER_ADDRESS; i++) {
            challenged("a" + i, "user" + i, "Target@Example.com", "oidc");
            TestService.await(challenges.start("a" + i, "email"));
        }
        challenged("a-next", "another", "target@example.COM", "oidc");
        ChallengeRefused refused = (ChallengeRefused) failure(challenges.start("a-next", "email"));
        assertEquals(429, refused.status());
        assertTrue(refused.getMessage().contains("address"), refused.getMessage());
        assertEquals(Limits.EMAILS_PER_ADDRESS, outbox.recent(Outbox.KEPT).size());
        clock.advance(Limits.USER_WINDOW.plusSeconds(1));
        challenged("a-later", "another", "target@example.com", "oidc");
        TestService.await(challenges.start("a-later", "email"));
    }

    @Test
    void emailedCodesAreLimitedPerCallingServiceResendsIncluded() throws Exception {
        ChallengeService limited = challenges(3);
        challenged("s1", "u1", "u1@example.com", "oidc");
        String first = TestService.await(limited.start("s1", "email")).challenge().id();
        challenged("s2", "u2", "u2@example.com", "oidc");
        TestService.await(limited.start("s2", "email"));
        clock.advance(Limits.RESEND_INTERVAL);
        TestService.await(limited.resend(first, Caller.ADMIN));
        clock.advance(Limits.RESEND_INTERVAL);
        ChallengeRefused refused = (ChallengeRefused) failure(limited.resend(first, Caller.ADMIN));
        assertEquals(429, refused.status());
        assertTrue(refused.getMessage().contains("calling service"), refused.getMessage());
        challenged("s3", "u3", "u3@example.com", "oidc");
        assertEquals(429, ((ChallengeRefused) failure(limited.start("s3", "email"))).status());
        challenged("p1", "u3", "u3@example.com", "portal");
        TestService.await(limited.start("p1", "email"));
        assertEquals(4, outbox.recent(Outbox.KEPT).size(), "three by oidc, one by portal");
    }

    @AfterEach
    void close() {
        TestService.await(vertx.close());
    }

    private String lastCode() {
        return ChallengeFlows.code(outbox.recent(1).get(0).text());
    }

    @Test
    void aResentCodeReplacesTheOldOneAfterTheInterval() {
        String id = TestService.await(challenges.start("e1", "email")).challenge().id();
        String first = lastCode();
        assertInstanceOf(ChallengeRefused.class, failure(challenges.resend(id, Caller.ADMIN)), "within the interval");
        clock.advance(Limits.RESEND_INTERVAL);
        TestService.await(challenges.resend(id, Caller.ADMIN));
        String second = lastCode();
        if (!first.equals(second)) {
            assertEquals("failed", TestService.await(challenges.verify(id, first, Caller.ADMIN)).status(), "the old code stopped working");
        }
        assertEquals("passed", TestService.await(challenges.verify(id, second, Caller.ADMIN)).status());
    }

    @Test
    void aCodeExpiresAfterItsLifetimeWithoutUsingAnAttempt() {
        String id = TestService.await(challenges.start("e1", "email")).challenge().id();
        String code = lastCode();
        clock.advance(LIFETIME.plusSeconds(1));
        ChallengeService.Verdict expired = TestService.await(challenges.verify(id, code, Caller.ADMIN));
        assertEquals("expired", expired.status());
        assertEquals(Limits.ATTEMPTS_PER_CHALLENGE, expired.attemptsLeft());
        // A new code revives the challenge for another lifetime.
        TestService.await(challenges.resend(id, Caller.ADMIN));
        assertEquals("passed", TestService.await(challenges.verify(id, lastCode(), Caller.ADMIN)).status());
    }

    @Test
    void aChallengeSendsAtMostItsLimitOfCodes() {
        String id = TestService.await(challenges.start("e1", "email")).challenge().id();
        for (int sends = 1; sends < Limits.SENDS_PER_CHALLENGE; sends++) {
            clock.advance(Limits.RESEND_INTERVAL);
            TestService.await(challenges.resend(id, Caller.ADMIN));
        }
        clock.advance(Limits.RESEND_INTERVAL);
        ChallengeRefused refused = (ChallengeRefused) failure(challenges.resend(id, Caller.ADMIN));
        assertEquals(429, refused.status());
        assertEquals(Limits.SENDS_PER_CHALLENGE, outbox.recent(Outbox.KEPT).size());
    }

    @Test
    void theUsersWindowForgetsOldChallenges() {
        for (int i = 0; i < Limits.STARTS_PER_USER; i++) TestService.await(challenges.start("e1", "email"));
        assertEquals(429, ((ChallengeRefused) failure(challenges.start("e1", "email"))).status());
        clock.advance(Limits.USER_WINDOW.plusSeconds(1));
        TestService.await(challenges.start("e1", "email"));
    }

    private static Throwable failure(Future<?> future) {
        return TestService.await(future.map(ok -> (Throwable) null).recover(Future::succeededFuture));
    }
}
