package dev.amfa.challenges;

import dev.amfa.decisions.DecisionLog;
import dev.amfa.evaluation.OutcomeRecorder;
import dev.amfa.mail.Mailer;
import dev.amfa.mail.Outbox;
import dev.amfa.mail.SmtpMailer;
import dev.amfa.secrets.CodeHasher;
import dev.amfa.secrets.Keys;
import dev.amfa.secrets.SecretBox;
import dev.amfa.store.Stores;
import dev.amfa.tokens.SigningKey;
import dev.amfa.tokens.TokenIssuer;
import io.vertx.core.Vertx;

import java.time.Clock;

/**
 * The challenge parts of one service, wired from its settings.
 *
 * @param outbox where mail goes without an SMTP server; null when one is configured
 * @param demo   the /demo page's own challenges; null when the demo is off
 */
public record Challenges(ChallengeService service, Enrolment enrolment, TokenIssuer tokens, Outbox outbox, Demo demo) {
    /**
     * The public /demo page's challenges: the same stores and checks, but codes go only to an outbox of the
     * demo's own (never to a mail server: its users and passwords are published) and results are signed with a
     * key generated at start under an issuer of its own. A token from the demo is then never valid where real
     * results are checked (not in the JWKS, not the configured issuer), and the demo's outbox holds no code a
     * real challenge sent, even to a demo user's address.
     */
    public record Demo(ChallengeService service, Outbox outbox, TokenIssuer tokens) {
        /** Appended to the configured issuer: the demo's differs from it whatever it is. */
        public static final String ISSUER_SUFFIX = "/demo";
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Challenges.class);
    /** HMAC key bytes generated when none is configured: SHA-256's block-sized key is plenty. */
    static final int CODE_KEY_BYTES = 32;

    /** Reads keys (a PEM file): run on a worker thread. */
    public static Challenges create(Vertx vertx, ChallengeSettings settings, Stores stores, OutcomeRecorder outcomes,
                                    DecisionLog log, Clock clock) throws Exception {
        CodeHasher hasher = new CodeHasher(Keys.orGenerate(settings.codeKey(), CODE_KEY_BYTES, "--code-key",
                "emailed codes and recovery codes stop working at restart"));
        SecretBox box = new SecretBox(Keys.orGenerate(settings.totpKey(), SecretBox.KEY_BYTES, "--totp-key",
                "TOTP enrolments cannot be opened after a restart"));
        Outbox outbox = settings.smtpHost() == null ? new Outbox() : null;
        if (outbox != null) {
            LOG.warn("no --smtp-host configured: emailed codes are not delivered, only kept in this node's local outbox "
                    + "(the /demo page keeps an outbox of its own)");
        }
        Mailer mailer = outbox != null ? outbox : new SmtpMailer(vertx, settings);
        TokenIssuer tokens = new TokenIssuer(vertx, SigningKey.load(settings.jwtKey()), settings.issuer(),
                settings.tokenLifetime());
        CodeChecks checks = new CodeChecks(hasher, box, stores.factors());
        ChallengeService service = new ChallengeService(stores, checks,
                new CodeSender(mailer, settings.orgName(), settings.codeLifetime()), outcomes, log, tokens,
                settings.codeLifetime(), clock);
        Demo demo = null;
        if (settings.demo()) {
            Outbox demoOutbox = new Outbox();
            TokenIssuer demoTokens = new TokenIssuer(vertx, SigningKey.generate(), settings.issuer() + Demo.ISSUER_SUFFIX,
                    settings.tokenLifetime());
            demo = new Demo(new ChallengeService(stores, checks, new CodeSender(demoOutbox, settings.orgName(),
                    settings.codeLifetime()), outcomes, log, demoTokens, settings.codeLifetime(), clock), demoOutbox, demoTokens);
        }
        return new Challenges(service, new Enrolment(stores.factors(), stores.challenges(), checks, settings.orgName(), clock), tokens, outbox,
                demo);
    }
}
