package dev.amfa.challenges;

import dev.amfa.callers.Caller;
import dev.amfa.decisions.DecisionEvent;
import dev.amfa.decisions.DecisionLog;
import dev.amfa.evaluation.Outcome;
import dev.amfa.evaluation.OutcomeRecorder;
import dev.amfa.mail.CodeMail;
import dev.amfa.store.Challenge;
import dev.amfa.store.ChallengeStore;
import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.EvaluationStore;
import dev.amfa.store.Stores;
import dev.amfa.tokens.TokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Carries out the challenge a decision asked for: starts it for a factor the decision allowed, checks codes
 * within the {@link Limits}, and on a pass records the evaluation's outcome (mfa passed: the device and place
 * become known) and answers a signed result. Every step goes to the decision log, never with a code in it.
 */
public final class ChallengeService {
    /** Verdicts besides the challenge's own statuses (passed, locked). */
    public static final String FAILED = "failed";
    public static final String EXPIRED = "expired";

    private final EvaluationStore evaluations;
    private final ChallengeStore challenges;
    private final CodeChecks checks;
    private final CodeSender sender;
    private final ChallengeRecords records;
    private final TokenIssuer tokens;
    private final Duration codeLifetime;
    private final Clock clock;
    private final int emailsPerService;

    public ChallengeService(Stores stores, CodeChecks checks, CodeSender sender, OutcomeRecorder outcomes,
                            DecisionLog log, TokenIssuer tokens, Duration codeLifetime, Clock clock) {
        this(stores, checks, sender, outcomes, log, tokens, codeLifetime, clock, Limits.EMAILS_PER_SERVICE);
    }

    /** @param emailsPerService emailed codes one calling service may send within {@link Limits#USER_WINDOW} */
    public ChallengeService(Stores stores, CodeChecks checks, CodeSender sender, OutcomeRecorder outcomes,
                            DecisionLog log, TokenIssuer tokens, Duration codeLifetime, Clock clock, int emailsPerService) {
        this.emailsPerService = emailsPerService;
        this.evaluations = stores.evaluations();
        this.challenges = stores.challenges();
        this.checks = checks;
        this.sender = sender;
        this.records = new ChallengeRecords(log, outcomes, clock);
        this.tokens = tokens;
        this.codeLifetime = codeLifetime;
        this.clock = clock;
    }

    /** @param sentTo where the code went, masked; null when nothing is sent */
    public record Started(Challenge challenge, String sentTo) {
    }

    /** @param status passed, failed, locked or expired; token only when passed */
    public record Verdict(Challenge challenge, String status, int attemptsLeft, String token) {
    }

    /** A challenge the service itself starts (the demo's): no caller's scope applies. */
    public Future<Started> start(String evaluationId, String factor) {
        return start(evaluationId, factor, Caller.ADMIN);
    }

    /** @param caller who asks: another service's or org's evaluation is answered as unknown */
    public Future<Started> start(String evaluationId, String factor, Caller caller) {
        Instant now = clock.instant();
        return evaluations.findPending(evaluationId).compose(evaluation -> {
            if (evaluation == null || !caller.mayUse(evaluation.org(), evaluation.service())) {
                throw ChallengeRefused.notFound("no evaluation " + evaluationId + " awaits a challenge (unknown, expired or finished)");
            }
            if (!evaluation.factors().contains(factor)) {
                throw new ChallengeRefused(422, "factor_not_allowed", "factor", "the decision of this evaluation allows "
                        + (evaluation.factors().isEmpty() ? "no factor" : evaluation.factors()) + ", not " + factor);
            }
            if (!CodeChecks.SUPPORTED.contains(factor)) {
                throw new ChallengeRefused(422, "factor_not_supported", "factor", factor + " is carried out by the auth "
                        + "service itself; this service runs " + CodeChecks.SUPPORTED);
            }
            if (factor.equals(CodeChecks.EMAIL) && (evaluation.email() == null || !CodeMail.isAddress(evaluation.email()))) {
                throw new ChallengeRefused(422, "no_email", "factor", "the evaluation gave no valid email address for the user");
            }
            return create(evaluation, factor, now);
        });
    }

    private Future<Started> create(EvaluationRecord evaluation, String factor, Instant now) {
        String id = UUID.randomUUID().toString();
        boolean email = factor.equals(CodeChecks.EMAIL);
        String code = email ? sender.newCode() : null;
        Challenge challenge = new Challenge(id, evaluation.id(), evaluation.org(), evaluation.userId(), factor,
                email ? evaluation.email() : null, email ? checks.emailCodeHash(id, code) : null, now,
                now.plus(codeLifetime), 0, Challenge.PENDING, email ? 1 : 0, email ? now : null, evaluation.service());
        // The send is counted before the challenge exists: a start refused by the user's limit then costs one
        // send of the address's budget, which errs on the side of fewer emails.
        Future<Void> sendAllowed = email ? sendAllowed(challenge, now) : Future.succeededFuture();
        ChallengeStore.UserLimit starts = new ChallengeStore.UserLimit(Limits.STARTS_PER_USER, now.minus(Limits.USER_WINDOW));
        return sendAllowed.compose(allowed -> challenges.createWithin(challenge, starts)).compose(created -> {
            if (!created) throw ChallengeRefused.tooMany("too many challenges for this user; try again later");
            records.event(challenge, DecisionEvent.CHALLENGE_STARTED, new JsonObject());
            if (!email) return Future.succeededFuture(new Started(challenge, null));
            return send(challenge, code, now, false);
        });
    }

    /** @param caller who asks: another service's or org's challenge is answered as unknown */
    public Future<Verdict> verify(String challengeId, String code, Caller caller) {
        return verify(challengeId, code, c -> caller.mayUse(c.org(), c.service()));
    }

    /** @param org a challenge of another org is answered as unknown (the demo's scope) */
    public Future<Verdict> verify(String challengeId, String code, String org) {
        return verify(challengeId, code, c -> org.equals(c.org()));
    }

    private Future<Verdict> verify(String challengeId, String code, Predicate<Challenge> visible) {
        Instant now = clock.instant();
        return find(challengeId, visible).compose(found -> {
            if (found.status().equals(Challenge.PASSED)) {
                throw new ChallengeRefused(409, "conflict", "id", "challenge " + challengeId + " was already passed");
            }
            if (found.status().equals(Challenge.LOCKED)) return Future.succeededFuture(new Verdict(found, Challenge.LOCKED, 0, null));
            if (now.isAfter(found.expiresAt())) return Future.succeededFuture(new Verdict(found, EXPIRED, left(found), null));
            ChallengeStore.UserLimit failures = new ChallengeStore.UserLimit(Limits.FAILURES_PER_USER, now.minus(Limits.USER_WINDOW));
            return challenges.takeAttemptWithin(challengeId, Limits.ATTEMPTS_PER_CHALLENGE, failures).compose(attempt -> {
                if (attempt.userLimited()) return lock(found, "too many failed codes for this user");
                if (attempt.taken() == null) return noAttemptLeft(challengeId);
                return checks.check(attempt.taken(), code, now).compose(passed -> passed ? pass(attempt.taken()) : fail(attempt.taken()));
            });
        });
    }

    /** Another verification took the last attempt or finished the challenge meanwhile: answer what it is now. */
    private Future<Verdict> noAttemptLeft(String challengeId) {
        return challenges.find(challengeId).compose(now -> {
            if (now.status().equals(Challenge.PASSED)) {
                throw new ChallengeRefused(409, "conflict", "id", "challenge " + challengeId + " was already passed");
            }
            return lock(now, "no attempt left");
        });
    }

    private Future<Verdict> pass(Challenge challenge) {
        return challenges.finish(challenge.id(), Challenge.PASSED).compose(finished -> {
            // Finished meanwhile by another request: passed (the same code twice at once) or locked (the user's
            // limit), in which case the right code comes too late.
            if (!finished) return noAttemptLeft(challenge.id());
            records.event(challenge, DecisionEvent.CHALLENGE_PASSED, new JsonObject().put("attempts", challenge.attempts()));
            String token = tokens.issue(challenge.org(), challenge.userId(), challenge.evaluationId(),
                    List.of("mfa", challenge.factor()), challenge.service());
            return records.outcome(challenge, new Outcome(true, "passed"))
                    .map(recorded -> new Verdict(challenge.withStatus(Challenge.PASSED), Challenge.PASSED, left(challenge), token));
        });
    }

    private Future<Verdict> fail(Challenge challenge) {
        // A TOTP code passed by a concurrent request is refused here as a replay: that request's pass stands.
        return challenges.find(challenge.id()).compose(now -> now != null && now.status().equals(Challenge.PASSED)
                ? Future.failedFuture(new ChallengeRefused(409, "conflict", "id", "challenge " + challenge.id() + " was already passed"))
                : failed(challenge));
    }

    private Future<Verdict> failed(Challenge challenge) {
        int left = left(challenge);
        records.event(challenge, DecisionEvent.CHALLENGE_FAILED, new JsonObject().put("attempts_left", left));
        if (left > 0) return Future.succeededFuture(new Verdict(challenge, FAILED, left, null));
        return lock(challenge, "no attempt left");
    }

    private Future<Verdict> lock(Challenge challenge, String reason) {
        return challenges.finish(challenge.id(), Challenge.LOCKED).compose(locked -> {
            if (!locked) return Future.succeededFuture(new Verdict(challenge, Challenge.LOCKED, 0, null));
            records.event(challenge, DecisionEvent.CHALLENGE_LOCKED, new JsonObject().put("reason", reason));
            // A locked challenge is a failed login: it counts for the user's and the IP's velocity.
            return records.outcome(challenge, new Outcome(false, "failed"))
                    .map(recorded -> new Verdict(challenge.withStatus(Challenge.LOCKED), Challenge.LOCKED, 0, null));
        });
    }

    /**
     * A new code by email; the previous one stops working.
     *
     * @param caller who asks: another service's or org's challenge is answered as unknown
     */
    public Future<Started> resend(String challengeId, Caller caller) {
        return resend(challengeId, c -> caller.mayUse(c.org(), c.service()));
    }

    /** @param org a challenge of another org is answered as unknown (the demo's scope) */
    public Future<Started> resend(String challengeId, String org) {
        return resend(challengeId, c -> org.equals(c.org()));
    }

    private Future<Started> resend(String challengeId, Predicate<Challenge> visible) {
        Instant now = clock.instant();
        return find(challengeId, visible).compose(found -> {
            if (!found.factor().equals(CodeChecks.EMAIL)) {
                throw new ChallengeRefused(422, "not_resendable", "id", "only email challenges send codes");
            }
            if (!found.pending()) throw new ChallengeRefused(409, "conflict", "id", "challenge " + challengeId + " is " + found.status());
            if (found.sends() >= Limits.SENDS_PER_CHALLENGE) throw ChallengeRefused.tooMany("no more codes for this challenge; start a new one");
            Instant allowed = found.lastSentAt() == null ? now : found.lastSentAt().plus(Limits.RESEND_INTERVAL);
            if (now.isBefore(allowed)) {
                throw ChallengeRefused.tooMany("wait " + Duration.between(now, allowed).toSeconds() + " s before asking for another code");
            }
            String code = sender.newCode();
            return sendAllowed(found, now)
                    .compose(counted -> challenges.replaceCode(challengeId, checks.emailCodeHash(challengeId, code),
                            now.plus(codeLifetime), now, found.sends()))
                    .compose(replaced -> {
                        // No longer pending, or another resend came first: its code is the one that counts.
                        if (!replaced) throw ChallengeRefused.tooMany("another code was just sent; wait before asking again");
                        Challenge renewed = found.withCode(null, now.plus(codeLifetime), now);
                        return send(renewed, code, now, true);
                    });
        });
    }

    private Future<Started> send(Challenge challenge, String code, Instant now, boolean resend) {
        return sender.send(challenge, code, now).map(to -> {
            records.event(challenge, DecisionEvent.CHALLENGE_SENT, new JsonObject().put("channel", "email").put("to", to)
                    .put("resend", resend));
            return new Started(challenge, to);
        });
    }

    /** Counts one emailed code against its address's, user's and calling service's limits; 429 when one is reached. */
    private Future<Void> sendAllowed(Challenge challenge, Instant now) {
        List<ChallengeStore.SendLimit> limits = new ArrayList<>(List.of(
                ChallengeStore.SendLimit.address(challenge.email(), Limits.EMAILS_PER_ADDRESS),
                ChallengeStore.SendLimit.user(challenge.org(), challenge.userId(), Limits.EMAILS_PER_USER)));
        if (challenge.service() != null) limits.add(ChallengeStore.SendLimit.service(challenge.service(), emailsPerService));
        return challenges.recordSend(limits, now.minus(Limits.USER_WINDOW), now).map(reached -> {
            if (reached == null) return null;
            throw ChallengeRefused.tooMany("too many codes were emailed to this "
                    + (reached.kind().equals("service") ? "calling service" : reached.kind()) + " lately; try again later");
        });
    }

    private Future<Challenge> find(String challengeId, Predicate<Challenge> visible) {
        return challenges.find(challengeId).map(found -> {
            if (found == null || !visible.test(found)) {
                throw ChallengeRefused.notFound("no challenge " + challengeId);
            }
            return found;
        });
    }

    private static int left(Challenge challenge) {
        return Math.max(0, Limits.ATTEMPTS_PER_CHALLENGE - challenge.attempts());
    }
}
