package dev.amfa.http;

import dev.amfa.TestService;
import dev.amfa.totp.Base32;
import dev.amfa.totp.Totp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DELETE /v1/users/{id}: what the service knows of a user is gone, their decisions stay anonymised. */
class ErasureApiTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static JsonObject evaluate(String user, Instant at) {
        return service.post("/v1/evaluate", login(user, BOXFORD_GB, at)).bodyAsJsonObject();
    }

    private static void succeeded(JsonObject evaluation) {
        assertEquals(202, service.post("/v1/evaluations/" + evaluation.getString("evaluation_id") + "/outcome",
                new JsonObject().put("result", "success").put("mfa", "passed")).statusCode());
    }

    private static JsonArray decisionsOf(String user) {
        var search = service.admin(HttpMethod.GET, "/v1/decisions?org=acme&user=" + user, null);
        assertEquals(200, search.statusCode(), search.bodyAsString());
        return search.bodyAsJsonObject().getJsonArray("decisions");
    }

    private static String newDevice(JsonObject evaluation) {
        return evaluation.getJsonObject("assessments").getJsonObject("NewDevice").getString("code");
    }

    @Test
    void anErasedUserIsAStrangerAgainAndTheirDecisionsNoLongerNameThem() {
        succeeded(evaluate("erin", T0));
        assertEquals("match", newDevice(evaluate("erin", T0.plusSeconds(3600))), "the service knows erin's device");
        String pending = evaluate("erin", T0.plusSeconds(7200)).getString("evaluation_id");
        JsonObject enrolment = service.post("/v1/users/erin/factors/otp", new JsonObject().put("org", "acme")).bodyAsJsonObject();
        succeeded(evaluate("frank", T0));
        assertEquals(3, decisionsOf("erin").size());

        var erased = service.call(HttpMethod.DELETE, "/v1/users/erin?org=acme", null, null);
        assertEquals(200, erased.statusCode(), erased.bodyAsString());
        JsonObject report = erased.bodyAsJsonObject();
        assertEquals(3L, report.getLong("decisions_anonymised"));
        assertTrue(report.getJsonArray("erased").contains("factors"), report.encode());

        assertEquals(0, decisionsOf("erin").size(), "no decision names erin any more");
        assertEquals(404, service.post("/v1/evaluations/" + pending + "/outcome",
                new JsonObject().put("result", "success")).statusCode(), "her pending evaluation is gone");
        String code = Totp.code(Base32.decode(enrolment.getString("secret")), Totp.step(Instant.now()), Totp.DIGITS, Totp.SHA1);
        assertEquals(422, service.post("/v1/users/erin/factors/otp/confirm",
                new JsonObject().put("org", "acme").put("code", code)).statusCode(), "her TOTP enrolment is gone");
        assertEquals("initial_login", newDevice(evaluate("erin", T0.plusSeconds(10_800))), "her history is gone");
        assertEquals("match", newDevice(evaluate("frank", T0.plusSeconds(3600))), "other users keep theirs");

        // The anonymised decisions still count in the org's statistics.
        var all = service.admin(HttpMethod.GET, "/v1/decisions?org=acme&limit=500", null).bodyAsJsonObject().getJsonArray("decisions");
        assertFalse(all.encode().contains("erin@"), "no e-mail of erin's is left in the log");
    }

    @Test
    void erasingAnUnknownUserAnswersTheSameAndBadRequestsNameTheField() {
        var unknown = service.call(HttpMethod.DELETE, "/v1/users/nobody-ever?org=acme", null, null);
        assertEquals(200, unknown.statusCode(), "erasing is idempotent");
        assertEquals(0L, unknown.bodyAsJsonObject().getLong("decisions_anonymised"));

        var noOrg = service.call(HttpMethod.DELETE, "/v1/users/erin", null, null);
        assertEquals(400, noOrg.statusCode());
        assertEquals("org", noOrg.bodyAsJsonObject().getString("field"));
        var badOrg = service.call(HttpMethod.DELETE, "/v1/users/erin?org=Not%20An%20Org", null, null);
        assertEquals(400, badOrg.statusCode());
        assertEquals("org", badOrg.bodyAsJsonObject().getString("field"));
        var longId = service.call(HttpMethod.DELETE, "/v1/users/" + "x".repeat(300) + "?org=acme", null, null);
        assertEquals(400, longId.statusCode(), longId.bodyAsString());
        assertEquals("id", longId.bodyAsJsonObject().getString("field"));
    }
}
