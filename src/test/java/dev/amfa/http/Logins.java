package dev.amfa.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** Evaluation bodies for the HTTP tests; places come from MaxMind's City test database. */
public final class Logins {
    public static final String BOXFORD_GB = "2.125.160.216";
    public static final String LINKOPING_SE = "89.160.20.112";
    public static final String MELBOURNE_AU = "214.0.1.5";
    public static final String MILTON_US_PROXY = "216.160.83.57";
    public static final String HOSTING_PROXY = "71.160.223.5";
    public static final String TOR_EXIT = "1.124.213.1";
    public static final String ABUSE_LISTED = "175.16.199.5";

    public static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    public static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    public static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private Logins() {
    }

    public static JsonObject login(String user, String ip, String deviceId, String userAgent, Instant at) {
        JsonObject body = new JsonObject()
                .put("org", "acme")
                .put("user", new JsonObject().put("id", user).put("email", user + "@example.com")
                        .put("enrolled_factors", new JsonArray().add("email").add("otp").add("webauthn-roaming")))
                .put("ip", ip)
                .put("user_agent", userAgent)
                .put("timestamp", at.toString())
                .put("flow", "authorization_code");
        if (deviceId != null) body.put("device", new JsonObject().put("id", deviceId));
        return body;
    }

    public static JsonObject login(String user, String ip, Instant at) {
        return login(user, ip, user + "-laptop", CHROME_WINDOWS, at);
    }

    /** POST /v1/evaluate, which must answer 200; its answer. */
    public static JsonObject evaluate(dev.amfa.TestService service, JsonObject body) {
        var response = service.post("/v1/evaluate", body);
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    /** Reports an evaluation's outcome, which must be accepted (202). */
    public static void outcome(dev.amfa.TestService service, JsonObject evaluation, String result, String mfa) {
        var response = service.post("/v1/evaluations/" + evaluation.getString("evaluation_id") + "/outcome",
                new JsonObject().put("result", result).put("mfa", mfa));
        org.junit.jupiter.api.Assertions.assertEquals(202, response.statusCode(), response.bodyAsString());
    }

    /** One signal's assessment in an evaluation's answer. */
    public static JsonObject signal(JsonObject evaluation, String name) {
        return evaluation.getJsonObject("assessments").getJsonObject(name);
    }
}
