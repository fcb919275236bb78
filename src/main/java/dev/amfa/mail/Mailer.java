package dev.amfa.mail;

import io.vertx.core.Future;

/** Delivers messages; never blocks the calling (event-loop) thread. */
public interface Mailer {
    Future<Void> send(MailMessage message);
}
