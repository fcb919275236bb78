package dev.amfa.mail;

import java.time.Duration;
import java.time.Instant;

/**
 * The message that carries a one-time code. Says who sends it (the org's name), how long the code lasts, and
 * what to do when it was not asked for: people are told never to pass the code on.
 */
public final class CodeMail {
    private CodeMail() {
    }

    public static MailMessage of(String orgName, String to, String code, Duration lifetime, Instant at) {
        long minutes = Math.max(1, lifetime.toMinutes());
        String subject = "Your " + orgName + " sign-in code";
        String text = "Your " + orgName + " sign-in code is\n\n    " + code + "\n\n"
                + "It expires in " + minutes + (minutes == 1 ? " minute" : " minutes") + ". Enter it on the page that asked for it.\n\n"
                + "If you were not signing in, ignore this message: without the code nobody can use your password.\n"
                + orgName + " will never ask you for this code by phone or email.\n";
        return new MailMessage(to, subject, text, at);
    }

    /** Whether SMTP will take it as one recipient: a single address, no display name, no line breaks. */
    public static boolean isAddress(String email) {
        try {
            jakarta.mail.internet.InternetAddress parsed = new jakarta.mail.internet.InternetAddress(email, true);
            return parsed.getPersonal() == null && parsed.getAddress().equals(email) && email.indexOf('@') > 0;
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }

    /** "a***@example.com": enough for the person to recognise the address, too little to harvest it. */
    public static String masked(String email) {
        int at = email.indexOf('@');
        if (at <= 0) return "***";
        return email.charAt(0) + "***" + email.substring(at);
    }
}
