package dev.amfa.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.amfa.TestService;
import dev.amfa.challenges.ChallengeFlows;
import dev.amfa.challenges.ChallengeSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Email codes through a real SMTP server (GreenMail), with authentication; and a server that is down. */
class EmailDeliveryTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("amfa-mailer", "mail-password"));

    private static ChallengeSettings smtp(int port) {
        ChallengeSettings defaults = ChallengeSettings.defaults();
        return new ChallengeSettings("127.0.0.1", port, "none", "amfa-mailer", "mail-password", "security@acme.example",
                "Acme Bank", null, defaults.issuer(), defaults.tokenLifetime(), null, null, defaults.codeLifetime(), false, null);
    }

    @Test
    void theCodeArrivesBySmtpWithTheOrgsNameAndPassesTheChallenge() throws Exception {
        try (TestService service = TestService.start(TestService.config().withChallenges(smtp(SMTP.getSmtp().getPort())))) {
            assertNull(service.service().challenges().outbox(), "with an SMTP server nothing goes to the outbox");
            String evaluationId = ChallengeFlows.challengedLogin(service, "rita", new JsonArray().add("email"))
                    .getString("evaluation_id");
            JsonObject started = ChallengeFlows.start(service, evaluationId, "email", 201);
            assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
            MimeMessage message = SMTP.getReceivedMessages()[0];
            assertEquals("rita@example.com", message.getAllRecipients()[0].toString());
            assertEquals("security@acme.example", message.getFrom()[0].toString());
            assertEquals("Your Acme Bank sign-in code", message.getSubject());
            String body = GreenMailUtil.getBody(message);
            assertTrue(body.contains("Your Acme Bank sign-in code is"), body);
            assertTrue(body.contains("expires in 5 minutes"), body);
            String code = ChallengeFlows.code(body);
            assertEquals("passed", ChallengeFlows.verify(service, started.getString("challenge_id"), code).getString("status"));
        }
    }

    @Test
    void aMailServerThatIsDownAnswers503WithoutTheCode() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (TestService service = TestService.start(TestService.config().withChallenges(smtp(closed)))) {
            String evaluationId = ChallengeFlows.challengedLogin(service, "sam", new JsonArray().add("email"))
                    .getString("evaluation_id");
            JsonObject refused = ChallengeFlows.start(service, evaluationId, "email", 503);
            assertEquals("delivery_failed", refused.getString("error"));
        }
    }
}
