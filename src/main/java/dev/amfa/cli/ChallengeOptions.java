package dev.amfa.cli;

import dev.amfa.challenges.ChallengeSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** serve's options for challenges: mail delivery, result tokens, the keys of secrets at rest, the demo. */
final class ChallengeOptions {
    @Option(names = "--smtp-host", defaultValue = "${env:AMFA_SMTP_HOST:-}",
            description = "SMTP server for email codes; unset keeps mail in the local outbox the demo shows (AMFA_SMTP_HOST).")
    String smtpHost;

    @Option(names = "--smtp-port", defaultValue = "${env:AMFA_SMTP_PORT:-587}", description = "SMTP port (AMFA_SMTP_PORT).")
    int smtpPort;

    @Option(names = "--smtp-tls", defaultValue = "${env:AMFA_SMTP_TLS:-starttls}",
            description = "starttls, tls or none (AMFA_SMTP_TLS).")
    String smtpTls;

    @Option(names = "--smtp-user", defaultValue = "${env:AMFA_SMTP_USER:-}", description = "SMTP user (AMFA_SMTP_USER).")
    String smtpUser;

    @Option(names = "--smtp-password", defaultValue = "${env:AMFA_SMTP_PASSWORD:-}",
            description = "SMTP password (AMFA_SMTP_PASSWORD).")
    String smtpPassword;

    @Option(names = "--mail-from", defaultValue = "${env:AMFA_MAIL_FROM:-amfa@localhost}",
            description = "From address of email codes (AMFA_MAIL_FROM).")
    String mailFrom;

    @Option(names = "--org-name", defaultValue = "${env:AMFA_ORG_NAME:-amfa}",
            description = "The name email codes are signed with (AMFA_ORG_NAME).")
    String orgName;

    @Option(names = "--jwt-key", defaultValue = "${env:AMFA_JWT_KEY:-}",
            description = "PEM file (PKCS#8 RSA private key) signing challenge results; unset: an ephemeral key (AMFA_JWT_KEY).")
    String jwtKey;

    @Option(names = "--jwt-issuer", defaultValue = "${env:AMFA_JWT_ISSUER:-amfa}", description = "Tokens' iss (AMFA_JWT_ISSUER).")
    String issuer;

    @Option(names = "--token-lifetime-seconds", defaultValue = "${env:AMFA_TOKEN_LIFETIME_SECONDS:-300}",
            description = "Lifetime of a challenge result token (AMFA_TOKEN_LIFETIME_SECONDS).")
    long tokenLifetimeSeconds;

    @Option(names = "--totp-key", defaultValue = "${env:AMFA_TOTP_KEY:-}",
            description = "Base64 of 32 bytes: the AES key of TOTP secrets at rest; unset: generated, lost on restart (AMFA_TOTP_KEY).")
    String totpKey;

    @Option(names = "--code-key", defaultValue = "${env:AMFA_CODE_KEY:-}",
            description = "Base64 HMAC key hashing one-time and recovery codes; unset: generated, lost on restart (AMFA_CODE_KEY).")
    String codeKey;

    @Option(names = "--code-lifetime-seconds", defaultValue = "${env:AMFA_CODE_LIFETIME_SECONDS:-300}",
            description = "How long an emailed code is valid (AMFA_CODE_LIFETIME_SECONDS).")
    long codeLifetimeSeconds;

    @Option(names = "--demo", defaultValue = "${env:AMFA_DEMO:-false}", arity = "0..1", fallbackValue = "true",
            description = "Serve the two-step login demo at /demo: public, published passwords; off by default (AMFA_DEMO).")
    boolean demo;

    @Option(names = "--demo-users", defaultValue = "${env:AMFA_DEMO_USERS:-}",
            description = "The demo's user file; unset: the bundled alice and bob (AMFA_DEMO_USERS).")
    String demoUsers;

    /** @throws IllegalArgumentException for impossible settings (a port out of range, a negative lifetime) */
    ChallengeSettings settings() {
        return new ChallengeSettings(blankToNull(smtpHost), smtpPort, smtpTls, blankToNull(smtpUser),
                blankToNull(smtpPassword), mailFrom, orgName, jwtKey.isBlank() ? null : Path.of(jwtKey.strip()), issuer,
                Duration.ofSeconds(tokenLifetimeSeconds), blankToNull(totpKey), blankToNull(codeKey),
                Duration.ofSeconds(codeLifetimeSeconds), demo, demoUsers.isBlank() ? null : Path.of(demoUsers.strip()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
