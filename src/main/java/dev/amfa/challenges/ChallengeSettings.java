package dev.amfa.challenges;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How challenges are carried out: mail delivery, the signed result, the keys that protect stored secrets, and
 * the demo. Every null key means "generate one at start" (the zero-configuration run): codes and enrolments
 * then do not survive a restart and tokens do not verify on another node, which the service logs as a warning.
 *
 * @param smtpHost      SMTP server for email codes; null keeps messages in the local outbox (the demo shows it)
 * @param smtpTls       "starttls" (required), "tls" (implicit, usually port 465) or "none"
 * @param mailFrom      the From address of email codes
 * @param orgName       the name the email template signs with
 * @param jwtKey        PEM file of the PKCS#8 RSA private key that signs results; null for an ephemeral key
 * @param issuer        the tokens' {@code iss}
 * @param tokenLifetime how long a result token is valid
 * @param totpKey       base64 of the 32-byte AES key TOTP secrets are encrypted with at rest; null generates one
 * @param codeKey       base64 of the HMAC key one-time and recovery codes are hashed with; null generates one
 * @param codeLifetime  how long an emailed code is valid
 * @param demo          serve the two-step login demo at /demo (public, with published passwords: off unless asked)
 * @param demoUsers     the demo's user file; null for the bundled one (demo/users.json on the class path)
 */
public record ChallengeSettings(String smtpHost, int smtpPort, String smtpTls, String smtpUser, String smtpPassword,
                                String mailFrom, String orgName, Path jwtKey, String issuer, Duration tokenLifetime,
                                String totpKey, String codeKey, Duration codeLifetime, boolean demo, Path demoUsers) {
    public static final java.util.List<String> TLS_MODES = java.util.List.of("starttls", "tls", "none");

    public ChallengeSettings {
        if (!TLS_MODES.contains(smtpTls)) {
            throw new IllegalArgumentException("SMTP TLS must be one of " + TLS_MODES + ", was " + smtpTls);
        }
        if (smtpPort < 1 || smtpPort > 65_535) throw new IllegalArgumentException("the SMTP port must be 1..65535, was " + smtpPort);
        if (tokenLifetime.isNegative() || tokenLifetime.isZero() || codeLifetime.isNegative() || codeLifetime.isZero()) {
            throw new IllegalArgumentException("token and code lifetimes must be positive");
        }
    }

    /** The zero-configuration settings: local outbox, ephemeral keys, the demo off. */
    public static ChallengeSettings defaults() {
        return new ChallengeSettings(null, 587, "starttls", null, null, "amfa@localhost", "amfa", null, "amfa",
                Duration.ofMinutes(5), null, null, Duration.ofMinutes(5), false, null);
    }

    public ChallengeSettings withDemo(boolean on) {
        return new ChallengeSettings(smtpHost, smtpPort, smtpTls, smtpUser, smtpPassword, mailFrom, orgName, jwtKey, issuer,
                tokenLifetime, totpKey, codeKey, codeLifetime, on, demoUsers);
    }

    public ChallengeSettings withSmtp(String host, int port, String tls) {
        return new ChallengeSettings(host, port, tls, smtpUser, smtpPassword, mailFrom, orgName, jwtKey, issuer,
                tokenLifetime, totpKey, codeKey, codeLifetime, demo, demoUsers);
    }

    public ChallengeSettings withKeys(Path newJwtKey, String newTotpKey, String newCodeKey) {
        return new ChallengeSettings(smtpHost, smtpPort, smtpTls, smtpUser, smtpPassword, mailFrom, orgName, newJwtKey,
                issuer, tokenLifetime, newTotpKey, newCodeKey, codeLifetime, demo, demoUsers);
    }

    @Override
    public String toString() {
        // Never print the keys nor the SMTP password.
        return "challenges[smtp " + (smtpHost == null ? "off (local outbox)" : smtpHost + ":" + smtpPort + " " + smtpTls)
                + ", jwt key " + (jwtKey == null ? "ephemeral" : jwtKey) + ", demo " + (demo ? "on" : "off") + "]";
    }
}
