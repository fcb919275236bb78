package dev.amfa.challenges;

import dev.amfa.callers.Caller;
import dev.amfa.secrets.RandomCodes;
import dev.amfa.store.Challenge;
import dev.amfa.store.ChallengeStore;
import dev.amfa.store.FactorStore;
import dev.amfa.totp.Base32;
import dev.amfa.totp.QrCodes;
import dev.amfa.totp.Totp;
import io.vertx.core.Future;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * Enrols a user's TOTP app and recovery codes. The secret and the codes are answered once, at enrolment, and
 * kept only sealed (the secret) or hashed (the codes). A TOTP enrolment passes no challenge until confirmed
 * with a first code, so a secret the user never scanned cannot lock them out; beside a confirmed one a new
 * enrolment waits as pending, the confirmed one working until the new one is confirmed.
 *
 * <p>A user's established factors (a confirmed TOTP app, or recovery codes not issued with a still unconfirmed
 * TOTP enrolment) are replaced only by the admin token, or by a calling service that shows a challenge of this
 * user it started, passed with a factor the user had (OTP or recovery code), within
 * {@link Limits#REENROL_PROOF_AGE}: else any key of the org could swap a user's authenticator for its own.
 */
public final class Enrolment {
    /** The factors a proof challenge must have been passed with: ones the user already had. */
    static final List<String> PROOF_FACTORS = List.of(CodeChecks.OTP, CodeChecks.RECOVERY_CODE);

    private final FactorStore factors;
    private final ChallengeStore challenges;
    private final CodeChecks checks;
    private final String issuer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param issuer the name authenticator apps show beside the account */
    public Enrolment(FactorStore factors, ChallengeStore challenges, CodeChecks checks, String issuer, Clock clock) {
        this.factors = factors;
        this.challenges = challenges;
        this.checks = checks;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** @param qrCode a data: URI of a PNG */
    public record TotpEnrolled(String secret, String otpauthUri, String qrCode, List<String> recoveryCodes) {
    }

    /**
     * @param proofChallenge the id of a passed challenge of this user (see the class comment), or null
     * @throws ChallengeRefused 403 reauthentication_required when the user has established factors and neither
     *                          the caller nor the challenge may replace them
     */
    public Future<TotpEnrolled> enrolTotp(String org, String userId, Caller caller, String proofChallenge) {
        return mayReplace(org, userId, caller, proofChallenge).compose(ok -> enrolTotp(org, userId));
    }

    /** Ten new codes, the old ones retired; held to the same rule as {@link #enrolTotp(String, String, Caller, String)}. */
    public Future<List<String>> regenerateRecoveryCodes(String org, String userId, Caller caller, String proofChallenge) {
        return mayReplace(org, userId, caller, proofChallenge).compose(ok -> regenerateRecoveryCodes(org, userId));
    }

    private Future<Void> mayReplace(String org, String userId, Caller caller, String proofChallenge) {
        if (caller.admin()) return Future.succeededFuture();
        return established(org, userId).compose(established -> {
            if (!established) return Future.succeededFuture();
            if (proofChallenge == null) {
                throw reauthenticate("the user has confirmed factors: replacing them needs the admin token or the "
                        + "challenge_id of a passed otp or recovery-code challenge of this user");
            }
            return challenges.find(proofChallenge).map(c -> {
                if (!proves(c, org, userId, caller)) {
                    throw reauthenticate("challenge_id must name a challenge of this user your service started and passed "
                            + "with otp or a recovery code within the last " + Limits.REENROL_PROOF_AGE.toMinutes() + " minutes");
                }
                return null;
            });
        });
    }

    private boolean proves(Challenge c, String org, String userId, Caller caller) {
        return c != null && c.org().equals(org) && c.userId().equals(userId) && caller.mayUse(c.org(), c.service())
                && Challenge.PASSED.equals(c.status()) && PROOF_FACTORS.contains(c.factor())
                && !c.createdAt().plus(Limits.REENROL_PROOF_AGE).isBefore(clock.instant());
    }

    /**
     * A confirmed TOTP app, or recovery codes the user could be relying on: those not issued together with a TOTP
     * enrolment that is still unconfirmed (an enrolment never completed may be started again).
     */
    private Future<Boolean> established(String org, String userId) {
        return factors.totp(org, userId).compose(totp -> {
            if (totp != null && totp.confirmed()) return Future.succeededFuture(true);
            if (totp != null) return Future.succeededFuture(false);
            return factors.unusedRecoveryCodes(org, userId).map(codes -> !codes.isEmpty());
        });
    }

    private static ChallengeRefused reauthenticate(String message) {
        return new ChallengeRefused(403, "reauthentication_required", "challenge_id", message);
    }

    private Future<TotpEnrolled> enrolTotp(String org, String userId) {
        byte[] secret = new byte[Totp.SECRET_BYTES];
        random.nextBytes(secret);
        String uri = Totp.uri(issuer, userId, secret);
        TotpEnrolled enrolled = new TotpEnrolled(Base32.encode(secret), uri, QrCodes.pngDataUri(uri), List.of());
        return factors.saveTotp(org, userId, checks.box().seal(secret, CodeChecks.owner(org, userId)))
                .compose(saved -> regenerateRecoveryCodes(org, userId))
                .map(codes -> new TotpEnrolled(enrolled.secret(), enrolled.otpauthUri(), enrolled.qrCode(), codes));
    }

    /** True when the code is right and the enrolment is now confirmed. */
    public Future<Boolean> confirmTotp(String org, String userId, String code) {
        return checks.totp(org, userId, code, clock.instant(), true);
    }

    /** Ten new codes; the old ones stop working. */
    private Future<List<String>> regenerateRecoveryCodes(String org, String userId) {
        List<String> codes = RandomCodes.recoveryCodes();
        return factors.replaceRecoveryCodes(org, userId,
                        codes.stream().map(code -> checks.recoveryCodeHash(org, userId, code)).toList())
                .map(codes);
    }
}
