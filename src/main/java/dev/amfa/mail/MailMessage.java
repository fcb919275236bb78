package dev.amfa.mail;

import java.time.Instant;

/** One plain-text message. */
public record MailMessage(String to, String subject, String text, Instant at) {
}
