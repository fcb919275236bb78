package dev.amfa.challenges;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.amfa.TestService;
import dev.amfa.decisions.DecisionEvent;
import dev.amfa.store.postgres.PgSchema;
import dev.amfa.totp.Base32;
import dev.amfa.totp.Totp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static dev.amfa.challenges.ChallengeFlows.challengedLogin;
import static dev.amfa.challenges.ChallengeFlows.lastEmailedCode;
import static dev.amfa.challenges.ChallengeFlows.start;
import static dev.amfa.challenges.ChallengeFlows.verify;
import static dev.amfa.challenges.ChallengeFlows.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every secret of the flow (emailed code, TOTP secret and codes, recovery codes) is looked for in every row of
 * every table of the PostgreSQL store, in the decision log and in the service's log output at DEBUG: none of
 * them may appear in clear.
 */
class SecretsAtRestTest {
    private static final JsonArray FACTORS = new JsonArray().add("email").add("otp").add("recovery-code");

    @Test
    void noCodeSecretOrRecoveryCodeIsStoredOrLoggedInClear() {
        Logger amfa = (Logger) LoggerFactory.getLogger("dev.amfa");
        Level level = amfa.getLevel();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        amfa.setLevel(Level.DEBUG);
        Vertx vertx = Vertx.vertx();
        PgSchema schema = new PgSchema(vertx);
        List<String> secrets = new ArrayList<>();
        List<String> evaluations = new ArrayList<>();
        try (TestService service = TestService.start(TestService.config().withStore("postgres", schema.url()))) {
            String email = challengedLogin(service, "vera", FACTORS).getString("evaluation_id");
            evaluations.add(email);
            String emailChallenge = start(service, email, "email", 201).getString("challenge_id");
            String code = lastEmailedCode(service);
            secrets.add(code);
            assertEquals("failed", verify(service, emailChallenge, wrong(code)).getString("status"));
            assertEquals("passed", verify(service, emailChallenge, code).getString("status"));

            JsonObject enrolment = service.post("/v1/users/vera/factors/otp", new JsonObject().put("org", "acme")).bodyAsJsonObject();
            byte[] secret = Base32.decode(enrolment.getString("secret"));
            secrets.add(enrolment.getString("secret"));
            secrets.add(HexFormat.of().formatHex(secret));
            long step = Totp.step(Instant.now());
            String confirming = Totp.code(secret, step - 1, Totp.DIGITS, Totp.SHA1);
            assertEquals(200, service.post("/v1/users/vera/factors/otp/confirm",
                    new JsonObject().put("org", "acme").put("code", confirming)).statusCode());
            String otp = challengedLogin(service, "vera", FACTORS, "vera-phone").getString("evaluation_id");
            evaluations.add(otp);
            String totpCode = Totp.code(secret, step, Totp.DIGITS, Totp.SHA1);
            assertEquals("passed", verify(service, start(service, otp, "otp", 201).getString("challenge_id"), totpCode)
                    .getString("status"));
            secrets.add(confirming);
            secrets.add(totpCode);

            List<String> recovery = enrolment.getJsonArray("recovery_codes").stream().map(String::valueOf).toList();
            String viaRecovery = challengedLogin(service, "vera", FACTORS, "vera-tablet").getString("evaluation_id");
            evaluations.add(viaRecovery);
            assertEquals("passed", verify(service, start(service, viaRecovery, "recovery-code", 201).getString("challenge_id"),
                    recovery.get(0)).getString("status"));
            for (String r : recovery) {
                secrets.add(r);
                secrets.add(r.replace("-", ""));
            }

            String rows = allRows(schema);
            assertTrue(rows.contains("vera@example.com") && rows.contains("\"status\":\"passed\""), "the rows were read");
            String events = evaluations.stream().flatMap(id -> service.service().decisions().events(id).stream())
                    .map(DecisionEvent::details).map(JsonObject::encode).reduce("", String::concat);
            assertTrue(events.contains("challenge_id"), "the events were read");
            for (String s : secrets) {
                assertFalse(inClear(rows, s), "a secret is stored in clear: " + s);
                assertFalse(inClear(events, s), "a secret is in the decision log: " + s);
            }
        } finally {
            schema.close();
            TestService.await(vertx.close());
            amfa.setLevel(level);
            root.detachAppender(logged);
        }
        String log = logged.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).reduce("", String::concat);
        assertTrue(log.contains("no --jwt-key configured"), "the log was captured");
        for (String s : secrets) assertFalse(inClear(log, s), "a secret is in the log: " + s);
    }

    /**
     * Whether the secret appears as itself. A 6-digit code is not counted inside a longer run of hex digits or
     * a timestamp's microseconds (".123456"), where it turns up by chance about once in a thousand runs.
     */
    private static boolean inClear(String text, String secret) {
        if (!secret.chars().allMatch(Character::isDigit)) return text.contains(secret);
        return java.util.regex.Pattern.compile("(?<![0-9a-fA-F.])" + secret + "(?![0-9a-fA-F])").matcher(text).find();
    }

    /** Every row of every table of the schema, as PostgreSQL renders it in text (bytea as hex). */
    private static String allRows(PgSchema schema) {
        StringBuilder all = new StringBuilder();
        var tables = TestService.await(schema.admin().preparedQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = $1").execute(Tuple.of(schema.name)));
        for (Row table : tables) {
            String name = schema.name + "." + table.getString(0);
            for (Row row : TestService.await(schema.admin().query("SELECT row_to_json(t)::text FROM " + name + " t").execute())) {
                all.append(row.getString(0)).append('\n');
            }
        }
        return all.toString();
    }
}
