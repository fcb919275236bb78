package dev.amfa.store;

import java.time.Instant;

/**
 * One challenge of one evaluation. {@code codeHash} is the keyed hash of the emailed code (null for factors
 * whose code is not sent: TOTP, recovery codes); the code itself is never kept. {@code attempts} counts every
 * verification taken, the passing one included.
 *
 * @param email   where codes go (email factor), else null
 * @param service the calling service whose evaluation it challenges: only it (or the admin) may verify or resend;
 *                null for challenges of an older version (the admin's alone)
 */
public record Challenge(String id, String evaluationId, String org, String userId, String factor, String email,
                        byte[] codeHash, Instant createdAt, Instant expiresAt, int attempts, String status, int sends,
                        Instant lastSentAt, String service) {
    public static final String PENDING = "pending";
    public static final String PASSED = "passed";
    public static final String LOCKED = "locked";

    public boolean pending() {
        return PENDING.equals(status);
    }

    public Challenge withAttempt() {
        return new Challenge(id, evaluationId, org, userId, factor, email, codeHash, createdAt, expiresAt, attempts + 1,
                status, sends, lastSentAt, service);
    }

    public Challenge withStatus(String newStatus) {
        return new Challenge(id, evaluationId, org, userId, factor, email, codeHash, createdAt, expiresAt, attempts,
                newStatus, sends, lastSentAt, service);
    }

    public Challenge withCode(byte[] newHash, Instant newExpiry, Instant sentAt) {
        return new Challenge(id, evaluationId, org, userId, factor, email, newHash, createdAt, newExpiry, attempts,
                status, sends + 1, sentAt, service);
    }

    /** Failed verifications: every attempt but a passing one. */
    public int failures() {
        return PASSED.equals(status) ? attempts - 1 : attempts;
    }
}
