package dev.amfa.store;

import io.vertx.core.Future;

import java.util.List;

/** The factors a user enrolled with this service (TOTP, recovery codes). Users are scoped by org. */
public interface FactorStore {

    /**
     * A new, unconfirmed TOTP enrolment. It replaces an unconfirmed one; beside a confirmed one it waits as the
     * pending secret, and the confirmed one keeps passing challenges until the pending one is confirmed: a
     * re-enrolment the user never completes does not lock them out.
     */
    Future<Void> saveTotp(String org, String userId, byte[] sealedSecret);

    /**
     * Confirms the pending secret with the code of {@code step}: it replaces the confirmed one. False when the
     * pending secret is no longer {@code sealedPending} (a newer enrolment came meanwhile).
     */
    Future<Boolean> confirmPendingTotp(String org, String userId, byte[] sealedPending, long step);

    /** The enrolment, or null when the user has none. */
    Future<TotpEnrolment> totp(String org, String userId);

    /**
     * Accepts the code of {@code step} once: only when it is later than the last accepted one (no code twice,
     * none older than one already used). {@code confirming} also marks an unconfirmed enrolment confirmed;
     * without it an unconfirmed enrolment accepts nothing.
     */
    Future<Boolean> useTotpStep(String org, String userId, long step, boolean confirming);

    /** Replaces every recovery code of the user by these (keyed hashes). */
    Future<Void> replaceRecoveryCodes(String org, String userId, List<byte[]> hashes);

    /** The hashes of the user's unused recovery codes. */
    Future<List<byte[]>> unusedRecoveryCodes(String org, String userId);

    /** Marks one recovery code used; false when it was already used (or is not the user's). */
    Future<Boolean> useRecoveryCode(String org, String userId, byte[] hash);

    Future<Void> erase(String org, String userId);

    /**
     * @param lastStep      the time step of the last accepted code; -1 before the first
     * @param pendingSecret a re-enrolment awaiting its first code beside a confirmed secret, else null
     */
    record TotpEnrolment(byte[] sealedSecret, boolean confirmed, long lastStep, byte[] pendingSecret) {
    }
}
