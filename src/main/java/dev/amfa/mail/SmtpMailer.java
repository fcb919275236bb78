package dev.amfa.mail;

import dev.amfa.challenges.ChallengeSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * SMTP delivery through Jakarta Mail (Angus). Transport.send blocks on the network, so it runs on a worker
 * thread (executeBlocking, unordered: one slow message does not hold the next back).
 */
public final class SmtpMailer implements Mailer {
    /** A mail server that does not answer must not hold a worker thread for minutes (Jakarta's default: forever). */
    static final int TIMEOUT_MILLIS = 10_000;

    private final Vertx vertx;
    private final Session session;
    private final InternetAddress from;

    public SmtpMailer(Vertx vertx, ChallengeSettings settings) {
        this.vertx = vertx;
        this.session = Session.getInstance(properties(settings), settings.smtpUser() == null ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.smtpUser(), settings.smtpPassword());
            }
        });
        try {
            this.from = new InternetAddress(settings.mailFrom(), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("--mail-from is not an email address: " + settings.mailFrom());
        }
    }

    static Properties properties(ChallengeSettings settings) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", settings.smtpHost());
        p.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
        p.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        p.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
        p.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
        p.put("mail.smtp.auth", Boolean.toString(settings.smtpUser() != null));
        switch (settings.smtpTls()) {
            case "starttls" -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case "tls" -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            default -> { }
        }
        return p;
    }

    @Override
    public Future<Void> send(MailMessage message) {
        return vertx.executeBlocking(() -> {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(from);
            mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setText(message.text(), StandardCharsets.UTF_8.name());
            mime.setSentDate(Date.from(message.at()));
            Transport.send(mime);
            return null;
        }, false);
    }
}
