package dev.amfa.mail;

import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where mail goes when no SMTP server is configured (the zero-configuration run): the most recent messages in
 * memory, which the demo page shows so a code can be read without a mail server. Bounded: recipients come
 * from callers.
 */
public final class Outbox implements Mailer {
    public static final int KEPT = 50;

    private final Deque<MailMessage> messages = new ArrayDeque<>();

    @Override
    public synchronized Future<Void> send(MailMessage message) {
        messages.addFirst(message);
        if (messages.size() > KEPT) messages.removeLast();
        return Future.succeededFuture();
    }

    /** Newest first. */
    public synchronized List<MailMessage> recent(int limit) {
        return messages.stream().limit(limit).toList();
    }
}
