package dev.amfa.http;

import dev.amfa.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is a 4xx with {"error", "field", "message"}: never a 500, a hang or a stack trace. */
class BadInputTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                bad("org", b -> b.remove("org")),
                bad("org", b -> b.put("org", 42)),
                bad("org", b -> b.put("org", "Acme Corp")),
                bad("user", b -> b.remove("user")),
                bad("user", b -> b.put("user", "alice")),
                bad("user.id", b -> b.getJsonObject("user").remove("id")),
                bad("user.id", b -> b.getJsonObject("user").put("id", 7)),
                bad("user.id", b -> b.getJsonObject("user").put("id", "")),
                bad("user.roles", b -> b.getJsonObject("user").put("roles", "admin")),
                bad("user.roles[1]", b -> b.getJsonObject("user").put("roles", new JsonArray().add("a").add(3))),
                bad("user.attributes", b -> b.getJsonObject("user").put("attributes", new JsonArray())),
                bad("user.enrolled_factors[0]", b -> b.getJsonObject("user")
                        .put("enrolled_factors", new JsonArray().add("carrier-pigeon"))),
                bad("ip", b -> b.remove("ip")),
                bad("ip", b -> b.put("ip", "999.1.1.1")),
                bad("ip", b -> b.put("ip", "example.com")),
                bad("ip", b -> b.put("ip", "1.2.3")),
                bad("ip", b -> b.put("ip", "2001:db8::zz")),
                bad("ip", b -> b.put("ip", 16909060)),
                bad("user_agent", b -> b.put("user_agent", new JsonObject())),
                bad("device", b -> b.put("device", "cookie")),
                bad("device.id", b -> b.put("device", new JsonObject().put("id", true))),
                bad("timestamp", b -> b.put("timestamp", "yesterday")),
                bad("timestamp", b -> b.put("timestamp", "2026-11-23T09:00:00")),
                bad("timestamp", b -> b.put("timestamp", 1763888400)),
                bad("flow", b -> b.put("flow", "telepathy")),
                bad("transaction.amount", b -> b.put("transaction", new JsonObject().put("amount", "100"))),
                bad("transaction.amount", b -> b.put("transaction", new JsonObject().put("amount", -5).put("currency", "EUR"))),
                bad("transaction.currency", b -> b.put("transaction", new JsonObject().put("amount", 5))),
                bad("transaction.currency", b -> b.put("transaction", new JsonObject().put("amount", 5).put("currency", "euro"))),
                bad("mfa_session.factors[0]", b -> b.put("mfa_session", new JsonObject().put("factors", new JsonArray().add("magic")))));
    }

    private static Arguments bad(String field, Consumer<JsonObject> change) {
        JsonObject body = login("bad", BOXFORD_GB, T0);
        change.accept(body);
        return Arguments.of(field, body);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidFields")
    void anInvalidFieldIsA400NamingIt(String field, JsonObject body) {
        var response = service.post("/v1/evaluate", body);
        assertEquals(400, response.statusCode(), response.bodyAsString());
        JsonObject error = response.bodyAsJsonObject();
        assertEquals("invalid_request", error.getString("error"));
        assertEquals(field, error.getString("field"));
        assertNotNull(error.getString("message"));
        assertTrue(error.getString("message").length() > 5);
    }

    @ParameterizedTest(name = "body {0}")
    @MethodSource("unreadableBodies")
    void aBodyThatIsNotAJsonObjectIsA400(String body) {
        var response = service.postRaw("/v1/evaluate", body);
        assertEquals(400, response.statusCode(), response.bodyAsString());
        assertEquals("invalid_request", response.bodyAsJsonObject().getString("error"));
        assertNull(response.bodyAsJsonObject().getString("field"));
    }

    static Stream<String> unreadableBodies() {
        return Stream.of("", "{\"org\": ", "[1,2]", "\"text\"", "null", "{org: acme}");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        int limit = service.service().config().bodyLimit();
        JsonObject body = login("big", BOXFORD_GB, T0).put("application", "x".repeat(limit));
        var response = service.post("/v1/evaluate", body);
        assertEquals(413, response.statusCode());
        JsonObject error = response.bodyAsJsonObject();
        assertEquals("payload_too_large", error.getString("error"));
        assertTrue(error.getString("message").contains(String.valueOf(limit)), error.encode());
    }

    @Test
    void anUnknownEndpointOrMethodIsAJsonError() {
        var missing = service.get("/v1/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", missing.bodyAsJsonObject().getString("error"));
        var wrongMethod = service.get("/v1/evaluate");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("method_not_allowed", wrongMethod.bodyAsJsonObject().getString("error"));
    }

    @Test
    void anOutcomeForAnUnknownEvaluationIsA404() {
        var response = service.post("/v1/evaluations/no-such-id/outcome", new JsonObject().put("result", "success"));
        assertEquals(404, response.statusCode());
        assertEquals("not_found", response.bodyAsJsonObject().getString("error"));
    }

    @Test
    void aSecondOutcomeIsA409AndTeachesNothing() {
        String id = service.post("/v1/evaluate", login("twice", BOXFORD_GB, T0)).bodyAsJsonObject()
                .getString("evaluation_id");
        var first = service.post("/v1/evaluations/" + id + "/outcome", new JsonObject().put("result", "failure"));
        assertEquals(202, first.statusCode());
        var second = service.post("/v1/evaluations/" + id + "/outcome",
                new JsonObject().put("result", "success").put("mfa", "passed"));
        assertEquals(409, second.statusCode());
        assertEquals("conflict", second.bodyAsJsonObject().getString("error"));
        // The refused success did not make the device known.
        JsonObject next = service.post("/v1/evaluate", login("twice", BOXFORD_GB, T0.plusSeconds(60))).bodyAsJsonObject();
        assertEquals("initial_login", next.getJsonObject("assessments").getJsonObject("NewDevice").getString("code"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidOutcomes")
    void anInvalidOutcomeIsA400(String field, String body) {
        String id = service.post("/v1/evaluate", login("outcome", BOXFORD_GB, T0)).bodyAsJsonObject()
                .getString("evaluation_id");
        var response = service.postRaw("/v1/evaluations/" + id + "/outcome", body);
        assertEquals(400, response.statusCode(), response.bodyAsString());
        assertEquals(field, response.bodyAsJsonObject().getString("field"));
        // A refused outcome does not use up the evaluation's one outcome.
        var valid = service.post("/v1/evaluations/" + id + "/outcome", new JsonObject().put("result", "failure"));
        assertEquals(202, valid.statusCode());
    }

    static Stream<Arguments> invalidOutcomes() {
        return Stream.of(
                Arguments.of("result", "{}"),
                Arguments.of("result", "{\"result\": \"maybe\"}"),
                Arguments.of("result", "{\"result\": true}"),
                Arguments.of("mfa", "{\"result\": \"success\", \"mfa\": \"skipped\"}"),
                Arguments.of("mfa", "{\"result\": \"success\", \"mfa\": \"failed\"}"),
                Arguments.of(null, "not json"));
    }
}
