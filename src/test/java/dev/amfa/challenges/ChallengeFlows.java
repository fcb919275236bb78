package dev.amfa.challenges;

import dev.amfa.TestService;
import dev.amfa.http.Logins;
import dev.amfa.mail.MailMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Steps of the challenge flow over HTTP, shared by the challenge tests. */
public final class ChallengeFlows {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private ChallengeFlows() {
    }

    /** A first login of the user from their laptop: challenged. */
    public static JsonObject challengedLogin(TestService service, String user, JsonArray enrolled) {
        return challengedLogin(service, user, enrolled, user + "-laptop");
    }

    /** A login of the user from a device the service does not know: challenged. */
    public static JsonObject challengedLogin(TestService service, String user, JsonArray enrolled, String device) {
        JsonObject login = Logins.login(user, Logins.BOXFORD_GB, device, Logins.CHROME_WINDOWS, Instant.now());
        login.getJsonObject("user").put("enrolled_factors", enrolled);
        JsonObject evaluation = service.post("/v1/evaluate", login).bodyAsJsonObject();
        assertEquals("challenge", evaluation.getString("action"), evaluation.encodePrettily());
        return evaluation;
    }

    public static JsonObject start(TestService service, String evaluationId, String factor, int status) {
        var response = service.post("/v1/challenges", new JsonObject().put("evaluation_id", evaluationId).put("factor", factor));
        assertEquals(status, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    public static JsonObject verify(TestService service, String challengeId, String code) {
        var response = service.post("/v1/challenges/" + challengeId + "/verify", new JsonObject().put("code", code));
        assertEquals(200, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    /** The code of the newest message in the service's outbox. */
    public static String lastEmailedCode(TestService service) {
        MailMessage message = service.service().challenges().outbox().recent(1).get(0);
        return code(message.text());
    }

    public static String code(String text) {
        Matcher m = CODE.matcher(text);
        if (!m.find()) throw new AssertionError("no code in " + text);
        return m.group(1);
    }

    /** A code that is not {@code right}. */
    public static String wrong(String right) {
        return right.equals("000000") ? "111111" : "000000";
    }
}
