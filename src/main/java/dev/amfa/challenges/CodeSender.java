package dev.amfa.challenges;

import dev.amfa.mail.CodeMail;
import dev.amfa.mail.Mailer;
import dev.amfa.secrets.RandomCodes;
import dev.amfa.store.Challenge;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/** Makes emailed codes and mails them with the org's template; the code lives only in the message. */
public final class CodeSender {
    private static final Logger LOG = LoggerFactory.getLogger(CodeSender.class);

    private final Mailer mailer;
    private final String orgName;
    private final Duration lifetime;

    public CodeSender(Mailer mailer, String orgName, Duration lifetime) {
        this.mailer = mailer;
        this.orgName = orgName;
        this.lifetime = lifetime;
    }

    public String newCode() {
        return RandomCodes.digits();
    }

    /** Answers the masked address it went to; a delivery failure is a 503 the caller may retry with resend. */
    public Future<String> send(Challenge challenge, String code, Instant now) {
        return mailer.send(CodeMail.of(orgName, challenge.email(), code, lifetime, now))
                .map(sent -> CodeMail.masked(challenge.email()))
                .recover(e -> {
                    // The message carries the code: log the failure, never the message.
                    LOG.warn("challenge {}: the code could not be mailed: {}", challenge.id(), e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                    return Future.failedFuture(new ChallengeRefused(503, "delivery_failed", null,
                            "the code could not be sent; try again"));
                });
    }
}
