package dev.amfa.challenges;

import dev.amfa.secrets.RandomCodes;
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
 * with a first code, so a secret the user never scanned cannot lock them out.
 */
public final class Enrolment {
    private final FactorStore factors;
    private final CodeChecks checks;
    private final String issuer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param issuer the name authenticator apps show beside the account */
    public Enrolment(FactorStore factors, CodeChecks checks, String issuer, Clock clock) {
        this.factors = factors;
        this.checks = checks;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** @param qrCode a data: URI of a PNG */
    public record TotpEnrolled(String secret, String otpauthUri, String qrCode, List<String> recoveryCodes) {
    }

    public Future<TotpEnrolled> enrolTotp(String org, String userId) {
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
    public Future<List<String>> regenerateRecoveryCodes(String org, String userId) {
        List<String> codes = RandomCodes.recoveryCodes();
        return factors.replaceRecoveryCodes(org, userId,
                        codes.stream().map(code -> checks.recoveryCodeHash(org, userId, code)).toList())
                .map(codes);
    }
}
