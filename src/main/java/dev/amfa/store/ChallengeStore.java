package dev.amfa.store;

import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.List;

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

    /**
     * Creates the challenge unless the user started {@code starts.max()} challenges since {@code starts.since()}.
     * Atomic per user across nodes: concurrent starts are serialised, so the limit holds under a burst.
     *
     * @return false, creating nothing, when the limit was reached
     */
    Future<Boolean> createWithin(Challenge challenge, UserLimit starts);

    /**
     * {@link #takeAttempt}, unless the user's failed verifications (taken attempts of challenges not passed)
     * since {@code failures.since()} reached {@code failures.max()}. Atomic per user across nodes, so parallel
     * guesses spread over several challenges cannot exceed the user's limit either.
     */
    Future<Attempt> takeAttemptWithin(String id, int maxAttempts, UserLimit failures);

    /**
     * Records one emailed code against every limit's scope, unless a scope already had {@code max} since
     * {@code since}. Atomic per scope across nodes (scopes are locked in one order), so concurrent sends to one
     * address, user or calling service cannot exceed its limit.
     *
     * @return null when the send was recorded; else the first limit reached, and nothing is recorded
     */
    Future<SendLimit> recordSend(List<SendLimit> limits, Instant since, Instant at);

    /**
     * At most {@code max} emailed codes to {@code scope} (an address, a user, a calling service) within the window.
     * Scopes are "kind:value"; an address is kept only hashed.
     */
    record SendLimit(String scope, int max) {
        public static SendLimit address(String email, int max) {
            return new SendLimit("address:" + sha256(email.strip().toLowerCase(Locale.ROOT)), max);
        }

        public static SendLimit user(String org, String userId, int max) {
            return new SendLimit(userScope(org, userId), max);
        }

        public static SendLimit service(String name, int max) {
            return new SendLimit("service:" + name, max);
        }

        /** The scope of a user's sends: erasing the user deletes it. */
        public static String userScope(String org, String userId) {
            return "user:" + org + "/" + userId;
        }

        /** address, user or service. */
        public String kind() {
            return scope.substring(0, scope.indexOf(':'));
        }

        private static String sha256(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
        }
    }

    /** A per-user limit: at most {@code max} since {@code since}. */
    record UserLimit(int max, Instant since) {
    }

    /**
     * @param taken       the challenge after the increment; null when none was taken
     * @param userLimited true when none was taken because of the user's limit (the challenge is still pending)
     */
    record Attempt(Challenge taken, boolean userLimited) {
        public static final Attempt NONE_LEFT = new Attempt(null, false);
        public static final Attempt USER_LIMITED = new Attempt(null, true);
    }

    /** Challenges the user started since a time and the verifications of them that failed. */
    Future<ChallengeActivity> activity(String org, String userId, Instant since);

    /** Forgets the user's challenges and the count of codes emailed to them. */
    Future<Void> erase(String org, String userId);

    record ChallengeActivity(int starts, int failures) {
    }
}
