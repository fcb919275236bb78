package dev.amfa.challenges;

import dev.amfa.secrets.CodeHasher;
import dev.amfa.secrets.RandomCodes;
import dev.amfa.secrets.SecretBox;
import dev.amfa.store.Challenge;
import dev.amfa.store.FactorStore;
import dev.amfa.totp.Totp;
import io.vertx.core.Future;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Whether a typed code answers a challenge, per factor. Every comparison is constant-time, and a user without
 * the factor is answered exactly like a wrong code: the caller learns nothing about what a user has enrolled.
 */
public final class CodeChecks {
    public static final String EMAIL = "email";
    public static final String OTP = "otp";
    public static final String RECOVERY_CODE = "recovery-code";
    /** The factors this service can carry out; the others (WebAuthn, SMS, push) belong to the auth service. */
    public static final List<String> SUPPORTED = List.of(EMAIL, OTP, RECOVERY_CODE);

    private final CodeHasher hasher;
    private final SecretBox box;
    private final FactorStore factors;

    public CodeChecks(CodeHasher hasher, SecretBox box, FactorStore factors) {
        this.hasher = hasher;
        this.box = box;
        this.factors = factors;
    }

    /** The hash an emailed code is kept as: scoped by its challenge. */
    public byte[] emailCodeHash(String challengeId, String code) {
        return hasher.hash(challengeId, code);
    }

    /** The hash a recovery code is kept as: scoped by its user. */
    public byte[] recoveryCodeHash(String org, String userId, String code) {
        return hasher.hash(owner(org, userId), RandomCodes.normalizeRecovery(code));
    }

    public Future<Boolean> check(Challenge challenge, String code, Instant now) {
        return switch (challenge.factor()) {
            case EMAIL -> Future.succeededFuture(hasher.matches(challenge.codeHash(), challenge.id(), code));
            case OTP -> totp(challenge.org(), challenge.userId(), code, now, false);
            case RECOVERY_CODE -> recovery(challenge.org(), challenge.userId(), code);
            default -> Future.succeededFuture(false);
        };
    }

    /**
     * A TOTP code of the window, accepted only if its step is later than the last one used (no code twice).
     * {@code confirming} accepts it only for an enrolment not yet confirmed, and confirms it: a confirmed one
     * is checked through challenges alone, whose attempts are limited (else confirming would be an unlimited
     * oracle for the user's live codes).
     */
    public Future<Boolean> totp(String org, String userId, String code, Instant now, boolean confirming) {
        return factors.totp(org, userId).compose(enrolment -> {
            if (enrolment == null) return Future.succeededFuture(false);
            if (confirming && enrolment.pendingSecret() != null) {
                // A re-enrolment beside a confirmed secret: its first code makes it the user's secret.
                OptionalLong step = matchingStep(enrolment.pendingSecret(), org, userId, code, now);
                return step.isEmpty() ? Future.succeededFuture(false)
                        : factors.confirmPendingTotp(org, userId, enrolment.pendingSecret(), step.getAsLong());
            }
            if (enrolment.confirmed() == confirming) return Future.succeededFuture(false);
            OptionalLong step = matchingStep(enrolment.sealedSecret(), org, userId, code, now);
            if (step.isEmpty()) return Future.succeededFuture(false);
            return factors.useTotpStep(org, userId, step.getAsLong(), confirming);
        });
    }

    private OptionalLong matchingStep(byte[] sealed, String org, String userId, String code, Instant now) {
        byte[] secret = box.open(sealed, owner(org, userId));
        OptionalLong step = Totp.matchingStep(secret, code, now);
        java.util.Arrays.fill(secret, (byte) 0);
        return step;
    }

    private Future<Boolean> recovery(String org, String userId, String code) {
        byte[] typed = recoveryCodeHash(org, userId, code);
        return factors.unusedRecoveryCodes(org, userId).compose(unused -> {
            boolean found = false;
            for (byte[] hash : unused) found |= MessageDigest.isEqual(hash, typed);
            return found ? factors.useRecoveryCode(org, userId, typed) : Future.succeededFuture(false);
        });
    }

    /** Authenticated data of a sealed TOTP secret and the scope of recovery-code hashes. */
    static String owner(String org, String userId) {
        return org + "/" + userId;
    }

    SecretBox box() {
        return box;
    }
}
