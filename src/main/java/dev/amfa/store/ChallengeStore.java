package dev.amfa.store;

import io.vertx.core.Future;

import java.time.Instant;

/** Challenges in progress and recently finished. Every change is conditional, so two nodes never both win. */
public interface ChallengeStore {

    Future<Void> create(Challenge challenge);

    /** The challenge, or null when unknown (or forgotten). */
    Future<Challenge> find(String id);

    /**
     * Takes one verification attempt before the code is compared, so concurrent guesses can never exceed the
     * limit: answers the challenge after the increment, or null when it is not pending or has no attempt left.
     */
    Future<Challenge> takeAttempt(String id, int maxAttempts);

    /** pending → passed or locked; false when it was no longer pending. */
    Future<Boolean> finish(String id, String status);

    /**
     * A new code for a pending challenge (the old one stops working); false when it was no longer pending, or
     * when another resend came first ({@code sendsSeen} is no longer its number of sends): of concurrent
     * resends one wins, so the send limits hold.
     */
    Future<Boolean> replaceCode(String id, byte[] codeHash, Instant expiresAt, Instant sentAt, int sendsSeen);

    /** Challenges the user started since a time and the verifications of them that failed. */
    Future<ChallengeActivity> activity(String org, String userId, Instant since);

    Future<Void> erase(String org, String userId);

    record ChallengeActivity(int starts, int failures) {
    }
}
