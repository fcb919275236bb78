package dev.amfa.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Keycloak with the provider and the shipped realm export's flow, the real amfa jar, and headless
 * Chromium: the logins of issue 13, each asserted on what the user sees, on the test client's tokens, on
 * Keycloak's events and on amfa's decision log. One Keycloak for the class; the cases run in order because
 * they build on each other (the second login needs the first one's outcome, the last one stops amfa).
 *
 * Addresses come from MaxMind's test City database: 2.125.160.216 is Boxford GB, 214.0.1.5 Melbourne AU,
 * 175.16.199.0/24 is on the service tests' abuse deny list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakLoginIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UK = "2.125.160.216";
    private static final String AUSTRALIA = "214.0.1.5";
    private static final String DENY_LISTED = "175.16.199.5";

    /** A test user: Keycloak id (fixed, so amfa's log can be asked about it), password, TOTP secret or null. */
    private record User(String name, String id, String password, String otpSecret) {
    }

    private static final User ALICE = new User("alice", "6f1e0c2a-0000-4000-8000-00000000a11c", "alice-pass-1", "alice-totp-secret-1");
    private static final User BOB = new User("bob", "6f1e0c2a-0000-4000-8000-000000000b0b", "bob-pass-1", "bob-totp-secret-1");
    private static final User DAVE = new User("dave", "6f1e0c2a-0000-4000-8000-00000000da7e", "dave-pass-1", "dave-totp-secret-1");
    private static final User CAROL = new User("carol", "6f1e0c2a-0000-4000-8000-00000000ca01", "carol-pass-1", null);

    private Path work;
    private AmfaProcess amfa;
    private KeycloakProcess keycloak;
    private TestClient client;
    private GreenMail mail;
    /** Each simulated browser's amfa_device cookie, carried from one Chromium run to the next. */
    private final Map<String, JsonNode> browsers = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        work = Files.createDirectories(Path.of("target/it-work")).toAbsolutePath();
        amfa = new AmfaProcess(work);
        int keycloakPort = TestSetup.freePort();
        client = new TestClient(KeycloakProcess.url(keycloakPort), TestSetup.REALM);
        mail = new GreenMail(new ServerSetup(TestSetup.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        // The shipped realm's amfa settings are placeholders: Keycloak fills them from its environment.
        keycloak = new KeycloakProcess(work, keycloakPort, List.of(testRealm(client.redirectUri()),
                enrolRealm(TestSetup.ENROL_REALM, "require-email-verification", client.redirectUri()),
                enrolRealm(TestSetup.ENROL_ALLOW_REALM, "allow", client.redirectUri())),
                Map.of("KEYCLOAK_AMFA_URL", amfa.url(), "KEYCLOAK_AMFA_API_KEY", TestSetup.API_KEY));
        amfa.awaitReady();
        amfa.warmUp(50);
        keycloak.awaitReady(TestSetup.REALM);
        keycloak.awaitReady(TestSetup.ENROL_REALM);
        keycloak.awaitReady(TestSetup.ENROL_ALLOW_REALM);
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) client.close();
        if (keycloak != null) keycloak.close();
        if (amfa != null) amfa.close();
        if (mail != null) mail.stop();
    }

    /** The shipped realm export (its flow and settings unchanged) with the test's users and client. */
    private static ObjectNode testRealm(String redirectUri) throws Exception {
        ObjectNode realm = (ObjectNode) JSON.readTree(TestSetup.SHIPPED_REALM.toFile());
        realm.put("realm", TestSetup.REALM);
        realm.put("sslRequired", "none");
        // Keycloak refuses a TOTP code used before; two logins of one user may fall in the same 30 s step.
        realm.put("otpPolicyCodeReusable", true);
        // This machine's cores are shared with other builds: a loaded amfa may take over the shipped 1 s. The
        // tests are about behaviour; on_error itself is tested with amfa stopped (refused at once).
        for (JsonNode config : realm.path("authenticatorConfig")) {
            if ("amfa".equals(config.path("alias").asText())) ((ObjectNode) config.path("config")).put("timeout_ms", "5000");
        }
        ArrayNode users = realm.putArray("users");
        for (User user : List.of(ALICE, BOB, DAVE, CAROL)) {
            ObjectNode node = users.addObject().put("id", user.id()).put("username", user.name())
                    .put("email", user.name() + "@example.com").put("emailVerified", true).put("enabled", true)
                    .put("firstName", user.name()).put("lastName", "Test");
            ArrayNode credentials = node.putArray("credentials");
            credentials.addObject().put("type", "password").put("value", user.password()).put("temporary", false);
            if (user.otpSecret() != null) {
                credentials.addObject().put("type", "otp").put("userLabel", "phone")
                        .put("secretData", JSON.createObjectNode().put("value", user.otpSecret()).toString())
                        .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
            }
        }
        ObjectNode app = realm.putArray("clients").addObject().put("clientId", TestClient.CLIENT_ID).put("enabled", true)
                .put("publicClient", true).put("standardFlowEnabled", true).put("directAccessGrantsEnabled", false);
        app.putArray("redirectUris").add(redirectUri);
        return realm;
    }

    /** The test realm with another enrolment policy, its own Carol and GreenMail as its SMTP server. */
    private ObjectNode enrolRealm(String name, String enrol, String redirectUri) throws Exception {
        ObjectNode realm = testRealm(redirectUri);
        realm.put("realm", name);
        for (JsonNode config : realm.path("authenticatorConfig")) {
            if ("amfa".equals(config.path("alias").asText())) ((ObjectNode) config.path("config")).put("enrol", enrol);
        }
        ArrayNode users = realm.putArray("users");
        for (JsonNode user : testRealm(redirectUri).path("users")) {
            // user ids are unique across realms: this realm's Carol gets her own
            if (user.path("username").asText().equals(CAROL.name())) users.add(((ObjectNode) user).without("id"));
        }
        realm.putObject("smtpServer").put("host", "127.0.0.1").put("port", String.valueOf(mail.getSmtp().getPort()))
                .put("from", "keycloak@example.com");
        return realm;
    }

    // ---- the cases, in order ----

    @Test
    @Order(1)
    void aFirstLoginFromANewBrowserIsAskedForItsOtpAndSignsIn() throws Exception {
        JsonNode decision = signsIn("first-login", ALICE, "alice-laptop", UK, "challenge");
        assertEquals("initial_login", decision.path("signals").path("NewDevice").asText());
        assertEquals(TestClient.CLIENT_ID, decision.path("application").asText());
        assertEquals(UK, decision.path("ip").asText(), "amfa saw the address Keycloak saw (X-Forwarded-For)");
        assertOutcome(decision, "success", "passed");
    }

    @Test
    @Order(2)
    void theSameBrowserAgainSignsInWithoutOtp() throws Exception {
        JsonNode decision = signsIn("same-browser", ALICE, "alice-laptop", UK, "allow");
        assertEquals("match", decision.path("signals").path("NewDevice").asText());
        assertOutcome(decision, "success", "not_required");
    }

    @Test
    @Order(3)
    void theSameUserFromAnotherContinentIsAskedForItsOtp() throws Exception {
        JsonNode decision = signsIn("impossible-travel", ALICE, "alice-laptop", AUSTRALIA, "challenge");
        assertEquals("impossible_travel_from_last_login", decision.path("signals").path("ImpossibleTravel").asText());
        assertEquals("AU", decision.path("country").asText());
        assertOutcome(decision, "success", "passed");
    }

    @Test
    @Order(4)
    void anAddressOnAmfasDenyListIsRefusedWithAnEventAndNoTokens() throws Exception {
        int tokensBefore = client.signedIn.size();
        JsonNode step = login("deny-list", DAVE, "dave-phone", DENY_LISTED, "right");
        assertEquals("error", step.path("page").asText(), step.toString());
        assertTrue(step.path("text").asText().contains("Sign-in refused"), step.toString());
        assertFalse(step.path("otpForm").asBoolean());
        assertEquals(tokensBefore, client.signedIn.size(), "no tokens for a refused login");
        JsonNode decision = latestDecision(DAVE);
        assertEquals("deny", decision.path("action").asText());
        JsonNode event = loginError(DAVE, "amfa_denied");
        assertEquals(decision.path("evaluation_id").asText(), event.path("details").path("amfa_evaluation_id").asText());
        assertTrue(event.path("details").path("amfa_reasons").asText().contains("Deny abusive and unroutable networks"), event.toString());
        assertTrue(event.path("details").path("amfa_codes").asText().contains("UntrustedIP:found_on_deny_list"), event.toString());
        assertOutcome(decision, "failure", "not_required");
    }

    @Test
    @Order(5)
    void aWrongOtpThenTheRightOneSignsInAndAmfaLogsTheFailureAndThePass() throws Exception {
        JsonNode step = login("wrong-then-right", BOB, "bob-desktop", UK, "wrong-then-right");
        assertTrue(step.path("otpForm").asBoolean(), step.toString());
        assertTrue(step.path("otpError").asText().toLowerCase().contains("invalid"), step.toString());
        assertSignedIn(step, BOB);
        JsonNode failed = TestSetup.eventually("bob's failed evaluation", Duration.ofSeconds(20), () -> {
            List<JsonNode> decisions = decisionsOf(BOB);
            return decisions.isEmpty() || outcome(decisions.get(0)) == null ? null : decisions.get(0);
        });
        assertEquals("challenge", failed.path("action").asText());
        assertEquals("failure", outcome(failed).path("result").asText());
        assertEquals("failed", outcome(failed).path("mfa").asText());
        JsonNode passed = TestSetup.eventually("bob's success reported", Duration.ofSeconds(20), () -> {
            List<JsonNode> decisions = decisionsOf(BOB);
            return decisions.size() < 2 || outcome(decisions.get(1)) == null ? null : decisions.get(1);
        });
        assertEquals("success", outcome(passed).path("result").asText());
        assertEquals("passed", outcome(passed).path("mfa").asText());
        assertNotNull(loginError(BOB, "invalid_user_credentials"));
    }

    @Test
    @Order(6)
    void aUserWithoutASecondFactorIsRefusedByTheDefaultEnrolmentPolicy() throws Exception {
        int tokensBefore = client.signedIn.size();
        JsonNode step = login("no-second-factor", CAROL, "carol-tablet", UK, null);
        assertEquals("error", step.path("page").asText(), step.toString());
        assertTrue(step.path("text").asText().contains("Sign-in refused"), step.toString());
        assertEquals(tokensBefore, client.signedIn.size());
        JsonNode decision = latestDecision(CAROL);
        assertEquals("challenge", decision.path("action").asText(), "amfa asked for a factor Carol does not have");
        assertNotNull(loginError(CAROL, "amfa_no_second_factor"));
        List<JsonNode> credentials = asList(keycloak.admin("/realms/" + TestSetup.REALM + "/users/" + CAROL.id() + "/credentials"));
        assertEquals(List.of("password"), credentials.stream().map(c -> c.path("type").asText()).toList(),
                "the password alone set up no second factor");
    }

    @Test
    @Order(7)
    void requireEmailVerificationEmailsASetUpLinkAndThePasswordAloneSetsUpNothing() throws Exception {
        JsonNode step = login(TestSetup.ENROL_REALM, "enrol-by-email", CAROL, "carol-laptop", UK, null);
        assertEquals("info", step.path("page").asText(), step.toString());
        assertTrue(step.path("text").asText().contains("link we emailed you"), step.toString());
        String carol = keycloak.admin("/realms/" + TestSetup.ENROL_REALM + "/users?exact=true&username=" + CAROL.name())
                .get(0).path("id").asText();
        List<JsonNode> credentials = asList(keycloak.admin("/realms/" + TestSetup.ENROL_REALM + "/users/" + carol + "/credentials"));
        assertEquals(List.of("password"), credentials.stream().map(c -> c.path("type").asText()).toList(),
                "the password alone set up nothing");
        assertTrue(mail.waitForIncomingEmail(30_000, 1), "no email");
        MimeMessage message = mail.getReceivedMessages()[0];
        assertEquals(CAROL.name() + "@example.com", message.getAllRecipients()[0].toString());
        Matcher link = Pattern.compile("https?://\\S+/login-actions/action-token\\?key=\\S+").matcher(plainText(message));
        assertTrue(link.find(), plainText(message));
        ObjectNode plan = plan(TestSetup.ENROL_REALM, List.of());
        plan.put("visit", link.group());
        JsonNode visit = run(plan).path("steps").get(0);
        assertEquals("configure-otp", visit.path("page").asText(), "the emailed link leads to setting up OTP: " + visit);
    }

    @Test
    @Order(8)
    void enrolAllowLetsTheLoginSetUpOtpRightAway() throws Exception {
        JsonNode step = login(TestSetup.ENROL_ALLOW_REALM, "enrol-allow", CAROL, "carol-desktop", UK, null);
        assertEquals("configure-otp", step.path("page").asText(), "Keycloak's Configure OTP, after the password: " + step);
    }

    @Test
    @Order(9)
    void theAdminConsoleShowsTheFlow() throws Exception {
        ObjectNode plan = plan(TestSetup.REALM, List.of());
        plan.putObject("adminConsole").put("user", KeycloakProcess.ADMIN).put("password", KeycloakProcess.ADMIN_PASSWORD)
                .put("flow", "amfa browser");
        JsonNode result = run(plan);
        String text = result.path("steps").get(0).path("text").asText();
        assertTrue(text.contains("amfa: evaluate login risk"), text);
        assertTrue(text.contains("amfa: decision is challenge"), text);
    }

    @Test
    @Order(10)
    void withAmfaStoppedTheDefaultOnErrorAsksForTheSecondFactor() throws Exception {
        amfa.stop();
        JsonNode step = login("amfa-stopped", ALICE, "alice-laptop", UK, "right");
        assertTrue(step.path("otpForm").asBoolean(), "amfa would have allowed this browser; on_error=challenge asks: " + step);
        assertSignedIn(step, ALICE);
        assertTrue(keycloak.log().contains("amfa: unreachable at " + amfa.url() + " (ConnectException); realm "
                + TestSetup.REALM + " applies on_error=challenge"), "the server log says why");
    }

    // ---- helpers ----

    /**
     * A login that signs in, through the OTP form exactly when amfa's {@code action} is challenge; answers
     * amfa's decision about it.
     */
    private JsonNode signsIn(String name, User user, String browser, String ip, String action) throws Exception {
        boolean challenged = action.equals("challenge");
        JsonNode step = login(name, user, browser, ip, challenged ? "right" : null);
        assertEquals(challenged, step.path("otpForm").asBoolean(), step.toString());
        assertSignedIn(step, user);
        JsonNode decision = latestDecision(user);
        assertEquals(action, decision.path("action").asText(), decision.toString());
        return decision;
    }

    private ObjectNode plan(String realm, List<ObjectNode> steps) {
        ObjectNode plan = JSON.createObjectNode().put("keycloak", keycloak.url()).put("realm", realm)
                .put("client", TestClient.CLIENT_ID).put("redirect", client.redirectUri());
        plan.putArray("steps").addAll(steps);
        return plan;
    }

    /** One login in a Chromium that carries the named browser's amfa_device cookie; answers what the user saw. */
    private JsonNode login(String name, User user, String browser, String ip, String otp) throws Exception {
        return login(TestSetup.REALM, name, user, browser, ip, otp);
    }

    private JsonNode login(String realm, String name, User user, String browser, String ip, String otp) throws Exception {
        ObjectNode step = JSON.createObjectNode().put("name", name).put("user", user.name()).put("password", user.password())
                .put("ip", ip).put("secret", user.otpSecret()).put("otp", otp);
        ObjectNode plan = plan(realm, List.of(step));
        if (browsers.containsKey(browser)) plan.set("cookies", browsers.get(browser));
        JsonNode result = run(plan);
        browsers.put(browser, result.path("cookies"));
        return result.path("steps").get(0);
    }

    private JsonNode run(ObjectNode plan) throws Exception {
        return JSON.readTree(Browser.run("keycloak.mjs", plan.toString()));
    }

    private void assertSignedIn(JsonNode step, User user) {
        assertEquals("signed-in", step.path("page").asText(), step.toString());
        assertEquals("Signed in as " + user.name(), step.path("text").asText());
        assertEquals(user.name(), client.signedIn.get(client.signedIn.size() - 1), "the test client received the user's tokens");
    }

    private List<JsonNode> decisionsOf(User user) {
        try {
            return amfa.decisionsOf(user.id());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode latestDecision(User user) {
        List<JsonNode> decisions = decisionsOf(user);
        assertFalse(decisions.isEmpty(), "amfa has no decision about " + user.name());
        return decisions.get(decisions.size() - 1);
    }

    private static JsonNode outcome(JsonNode decision) {
        for (JsonNode event : decision.path("events")) {
            if ("outcome".equals(event.path("type").asText())) return event.path("details");
        }
        return null;
    }

    /** Outcomes are reported off the login, after Keycloak's transaction: wait for this one to land. */
    private void assertOutcome(JsonNode decision, String result, String mfa) throws Exception {
        String id = decision.path("evaluation_id").asText();
        JsonNode outcome = TestSetup.eventually("the outcome of " + id, Duration.ofSeconds(20), () -> {
            try {
                return outcome(amfa.admin("/v1/decisions/" + id));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(result, outcome.path("result").asText(), outcome.toString());
        assertEquals(mfa, outcome.path("mfa").asText(), outcome.toString());
    }

    private List<JsonNode> events(User user) {
        try {
            return asList(keycloak.events(TestSetup.REALM, user.id()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode loginError(User user, String error) throws InterruptedException {
        return TestSetup.eventually(user.name() + "'s LOGIN_ERROR " + error, Duration.ofSeconds(10), () -> {
            for (JsonNode event : events(user)) {
                if ("LOGIN_ERROR".equals(event.path("type").asText()) && error.equals(event.path("error").asText())) return event;
            }
            return null;
        });
    }

    /** The text/plain part of a (multipart) email, decoded. */
    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain")) return (String) part.getContent();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) return text;
            }
        }
        return null;
    }

    private static List<JsonNode> asList(JsonNode array) {
        List<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
