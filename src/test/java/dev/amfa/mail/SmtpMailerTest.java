package dev.amfa.mail;

import dev.amfa.challenges.ChallengeSettings;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What each TLS setting asks of Jakarta Mail (GreenMail speaks no STARTTLS, so this is checked here). */
class SmtpMailerTest {

    @Test
    void starttlsIsRequiredNotOptionalAndImplicitTlsChecksTheServerName() {
        Properties starttls = SmtpMailer.properties(ChallengeSettings.defaults().withSmtp("mail.example", 587, "starttls"));
        assertEquals("true", starttls.get("mail.smtp.starttls.required"));
        assertNull(starttls.get("mail.smtp.ssl.enable"));
        assertEquals("false", starttls.get("mail.smtp.auth"));
        Properties tls = SmtpMailer.properties(ChallengeSettings.defaults().withSmtp("mail.example", 465, "tls"));
        assertEquals("true", tls.get("mail.smtp.ssl.enable"));
        assertEquals("true", tls.get("mail.smtp.ssl.checkserveridentity"));
        Properties none = SmtpMailer.properties(ChallengeSettings.defaults().withSmtp("mail.example", 25, "none"));
        assertNull(none.get("mail.smtp.starttls.enable"));
        assertEquals("10000", none.get("mail.smtp.timeout"));
    }

    @Test
    void anUnknownTlsModeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChallengeSettings.defaults().withSmtp("h", 25, "maybe"));
    }

    @Test
    void addressesAreMaskedInAnswersAndEvents() {
        assertEquals("a***@example.com", CodeMail.masked("alice@example.com"));
        assertEquals("***", CodeMail.masked("no-at-sign"));
    }

    @Test
    void onlyOnePlainAddressIsARecipient() {
        org.junit.jupiter.api.Assertions.assertTrue(CodeMail.isAddress("alice@example.com"));
        for (String bad : new String[]{"alice", "a@b.com, c@d.com", "Alice <a@b.com>", "a@b.com\r\nBcc: c@d.com", "@b.com"}) {
            org.junit.jupiter.api.Assertions.assertFalse(CodeMail.isAddress(bad), bad);
        }
    }
}
