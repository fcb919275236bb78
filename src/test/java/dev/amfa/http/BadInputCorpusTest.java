package dev.amfa.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.amfa.TestService;
import dev.amfa.evaluation.InputLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The bad-input corpus: every endpoint that reads a body or an id, times malformed bodies, wrong types, edge
 * values, NUL, unpaired surrogates, depth, size and duplicate keys, plus HTTP framing over raw sockets. Each
 * case answers its documented 4xx with {"error", "field", "message"} (the field named when there is one), never
 * a 5xx, a hang or a stack trace, and the service logs no ERROR meanwhile. Runs on both stores (the pom's second
 * run is on PostgreSQL), and ends by checking that a normal decision is still stored and readable.
 */
class BadInputCorpusTest {
    private static TestService service;
    private static ListAppender<ILoggingEvent> log;

    /** A field path, or a path ending in "*" for "this field or one inside it", or null for none named. */
    record Case(String name, String method, String target, boolean admin, byte[] body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An endpoint with a body it would take, and the string fields of that body (paths). */
    record Endpoint(String name, String method, String target, boolean admin, JsonObject valid, List<String> fields) {
    }

    @BeforeAll
    static void start() {
        service = TestService.start();
        log = new ListAppender<>();
        log.start();
        root().addAppender(log);
    }

    @AfterAll
    static void stop() {
        root().detachAppender(log);
        service.close();
    }

    private static ch.qos.logback.classic.Logger root() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @BeforeEach
    void clearLog() {
        synchronized (log) {
            log.list.clear();
        }
    }

    @AfterEach
    void noErrorWasLogged() {
        List<String> errors = new ArrayList<>();
        synchronized (log) {
            for (ILoggingEvent e : log.list) {
                if (e.getLevel().isGreaterOrEqual(Level.ERROR)) errors.add(e.getLoggerName() + ": " + e.getFormattedMessage());
            }
        }
        assertTrue(errors.isEmpty(), "the service logged ERROR: " + errors);
    }

    static List<Endpoint> endpoints() {
        JsonObject evaluate = login("corpus", BOXFORD_GB, T0);
        evaluate.getJsonObject("user").put("roles", new JsonArray().add("staff")).put("attributes", new JsonObject().put("dept", "it"));
        evaluate.put("device", new JsonObject().put("id", "dev-1").put("fingerprint", "fp-1")).put("application", "mail")
                .put("transaction", new JsonObject().put("type", "payment").put("amount", 10).put("currency", "EUR"))
                .put("signals", new JsonObject().put("Bot", new JsonObject().put("confidence", "low").put("code", "bot")
                        .put("details", new JsonObject().put("score", 0.9))))
                .put("mfa_session", new JsonObject().put("factors", new JsonArray().add("otp")));
        List<Endpoint> endpoints = new ArrayList<>(List.of(
                new Endpoint("evaluate", "POST", "/v1/evaluate", false, evaluate, List.of("org", "user.id", "user.email",
                        "user.roles[0]", "user.enrolled_factors[0]", "ip", "user_agent", "device.id", "device.fingerprint",
                        "timestamp", "flow", "application", "transaction.type", "transaction.currency",
                        "signals.Bot.confidence", "signals.Bot.code", "mfa_session.factors[0]")),
                new Endpoint("outcome", "POST", "/v1/evaluations/e-1/outcome", false,
                        new JsonObject().put("result", "failure").put("mfa", "not_required"), List.of("result", "mfa")),
                new Endpoint("feedback", "POST", "/v1/evaluations/e-1/feedback", false,
                        new JsonObject().put("verdict", "legitimate").put("source", "user").put("note", "n"),
                        List.of("verdict", "source", "note")),
                new Endpoint("challenge", "POST", "/v1/challenges", false,
                        new JsonObject().put("evaluation_id", "e-1").put("factor", "email"), List.of("evaluation_id", "factor")),
                new Endpoint("verify", "POST", "/v1/challenges/c-1/verify", false, new JsonObject().put("code", "123456"),
                        List.of("code")),
                new Endpoint("enrol", "POST", "/v1/users/u-1/factors/otp", false, new JsonObject().put("org", "acme"),
                        List.of("org")),
                new Endpoint("confirm", "POST", "/v1/users/u-1/factors/otp/confirm", false,
                        new JsonObject().put("org", "acme").put("code", "123456"), List.of("org", "code")),
                new Endpoint("recovery", "POST", "/v1/users/u-1/factors/recovery-code", false,
                        new JsonObject().put("org", "acme"), List.of("org")),
                new Endpoint("risk-clear", "POST", "/v1/users/u-1/risk/clear", false,
                        new JsonObject().put("org", "acme").put("signals", new JsonArray().add("devices")),
                        List.of("org", "signals[0]")),
                new Endpoint("upload", "PUT", "/v1/admin/policies/acme", true,
                        new JsonObject().put("rules", new JsonObject().put("x.drl", "package x;")), List.of("rules.x.drl"))));
        if (service.service().demo() != null) {
            endpoints.add(new Endpoint("demo-login", "POST", "/demo/login", false,
                    new JsonObject().put("username", "alice").put("password", "x"), List.of("username", "password")));
            endpoints.add(new Endpoint("demo-verify", "POST", "/demo/verify", false,
                    new JsonObject().put("challenge_id", "c-1").put("code", "123456"), List.of("challenge_id", "code")));
        }
        return endpoints;
    }

    /** Bodies no endpoint takes: not JSON, not strict JSON, not UTF-8, not an object. */
    static Stream<Case> malformedBodies() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            String o = e.valid().encode();
            String firstKey = e.valid().fieldNames().iterator().next();
            Object[][] bodies = {
                    {"empty", new byte[0], null},
                    {"array", utf8("[1,2]"), null},
                    {"string", utf8("\"text\""), null},
                    {"null", utf8("null"), null},
                    {"truncated", utf8(o.substring(0, o.length() / 2)), null},
                    {"two objects", utf8(o + " {}"), null},
                    {"trailing comma", utf8(o.substring(0, o.length() - 1) + ",}"), null},
                    {"block comment", utf8("/* hi */" + o), null},
                    {"line comment", utf8(o.replaceFirst("\\{", "{// hi\n")), null},
                    {"byte order mark", concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(o)), null},
                    {"single quotes", utf8(o.replace('"', '\'')), null},
                    {"unquoted key", utf8("{" + firstKey + ": 1}"), null},
                    {"invalid UTF-8", concat(utf8(o.substring(0, o.length() - 1) + ",\"x\":\""), new byte[]{(byte) 0xFF, (byte) 0xFE, '"', '}'}), null},
                    {"UTF-16", o.getBytes(StandardCharsets.UTF_16LE), null},
                    {"NaN", utf8(o.substring(0, o.length() - 1) + ",\"x\": NaN}"), null},
                    {"infinite number", utf8(o.substring(0, o.length() - 1) + ",\"x\": 1e999}"), "x"},
                    {"duplicate key", utf8(o.substring(0, o.length() - 1) + "," + json(firstKey) + ": "
                            + json(e.valid().getValue(firstKey)) + "}"), firstKey},
                    {"NUL in a key", utf8(o.substring(0, o.length() - 1) + ",\"a\\u0000b\": 1}"), "a\u0000b"},
                    {"NUL in an unknown field", utf8(o.substring(0, o.length() - 1) + ",\"x\": \"a\\u0000b\"}"), "x"},
                    {"unpaired surrogate", utf8(o.substring(0, o.length() - 1) + ",\"x\": \"\\ud800\"}"), "x"},
                    {"low surrogate first", utf8(o.substring(0, o.length() - 1) + ",\"x\": \"\\udc00\\ud800\"}"), "x"},
                    {"nested too deep", utf8(o.substring(0, o.length() - 1) + ",\"x\": " + "[".repeat(1_000) + "]".repeat(1_000) + "}"), "x*"},
            };
            for (Object[] b : bodies) {
                cases.add(new Case(e.name() + ": " + b[0], e.method(), e.target(), e.admin(), (byte[]) b[1], 400, (String) b[2]));
            }
        }
        return cases.stream();
    }

    /** Each string field of each endpoint: NUL, an unpaired surrogate, a control character, wrong types, too long, empty. */
    static Stream<Case> badFields() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (String field : e.fields()) {
                Object[][] values = {
                        {"NUL", "a\u0000b"},
                        {"unpaired surrogate", "a" + LONE + "b"},
                        {"a number", 7},
                        {"an object", new JsonObject()},
                        {"an array", new JsonArray()},
                        {"true", true},
                        {"empty", ""},
                        {"too long", "x".repeat(5_000)},
                };
                for (Object[] v : values) {
                    // DRL text has no length or emptiness rule of its own: the compiler judges it (422).
                    if (field.equals("rules.x.drl") && (v[0].equals("empty") || v[0].equals("too long"))) continue;
                    JsonObject body = e.valid().copy();
                    set(body, field, v[1]);
                    cases.add(new Case(e.name() + ": " + field + " " + v[0], e.method(), e.target(), e.admin(),
                            utf8(encode(body)), 400, field));
                }
            }
        }
        // Ids hold no control character (a free text field may hold a tab).
        for (String field : List.of("user.id", "device.id", "application")) {
            JsonObject body = endpoints().get(0).valid().copy();
            set(body, field, "a\u0001b");
            cases.add(new Case("evaluate: " + field + " control character", "POST", "/v1/evaluate", false, utf8(body.encode()), 400, field));
        }
        return cases.stream();
    }

    /** The free-form objects: depth, entries, key and string length, total size, NUL inside. */
    static Stream<Case> freeForms() {
        List<Case> cases = new ArrayList<>();
        JsonObject valid = endpoints().get(0).valid();
        for (String field : List.of("user.attributes", "signals.Bot.details")) {
            Object[][] values = {
                    {"6 levels deep", dev.amfa.DeepJson.nested(InputLimits.FREE_FORM_DEPTH)},
                    {"1,000 levels deep", DEEP},
                    {"65 entries", entries(InputLimits.FREE_FORM_ENTRIES + 1, "v")},
                    {"a long key", new JsonObject().put("k".repeat(InputLimits.FREE_FORM_KEY_LENGTH + 1), 1)},
                    {"a long string", new JsonObject().put("k", "v".repeat(InputLimits.FREE_FORM_STRING_LENGTH + 1))},
                    {"too large", entries(60, "v".repeat(200))},
                    {"NUL in a nested key", new JsonObject().put("a", new JsonObject().put("b\u0000", 1))},
                    {"NUL in a nested value", new JsonObject().put("a", new JsonArray().add("b\u0000"))},
                    {"a lone surrogate inside", new JsonObject().put("a", LONE)},
                    {"not an object", "text"},
            };
            for (Object[] v : values) {
                JsonObject body = valid.copy();
                set(body, field, v[1]);
                // Vert.x's encoder stops at 1,000 levels itself: the deep object goes in as text.
                String encoded = encode(body).replace(json(DEEP), "{\"a\":".repeat(1_000) + "{}" + "}".repeat(1_000));
                cases.add(new Case("evaluate: " + field + " " + v[0], "POST", "/v1/evaluate", false, utf8(encoded), 400, field + "*"));
            }
        }
        return cases.stream();
    }

    /** Ids in paths and query strings: one rule everywhere (1 to 256 characters, no control character, no NUL). */
    static Stream<Case> badIds() {
        List<Case> cases = new ArrayList<>();
        List<String[]> routes = List.of(
                new String[]{"POST", "/v1/evaluations/{id}/outcome", "{\"result\":\"failure\"}"},
                new String[]{"POST", "/v1/evaluations/{id}/feedback", "{\"verdict\":\"legitimate\"}"},
                new String[]{"POST", "/v1/challenges/{id}/verify", "{\"code\":\"123456\"}"},
                new String[]{"POST", "/v1/challenges/{id}/resend", null},
                new String[]{"POST", "/v1/users/{id}/factors/otp", "{\"org\":\"acme\"}"},
                new String[]{"POST", "/v1/users/{id}/factors/otp/confirm", "{\"org\":\"acme\",\"code\":\"123456\"}"},
                new String[]{"POST", "/v1/users/{id}/factors/recovery-code", "{\"org\":\"acme\"}"},
                new String[]{"POST", "/v1/users/{id}/risk/clear", "{\"org\":\"acme\",\"signals\":[\"devices\"]}"},
                new String[]{"DELETE", "/v1/users/{id}?org=acme", null},
                new String[]{"GET", "/v1/decisions/{id}", null});
        for (String[] r : routes) {
            for (String[] id : List.of(new String[]{"NUL", "%00"}, new String[]{"NUL inside", "ab%00cd"},
                    new String[]{"a control character", "ab%01"}, new String[]{"257 characters", "u".repeat(257)},
                    new String[]{"300 characters", "u".repeat(300)}, new String[]{"blank", "%20"})) {
                cases.add(new Case(r[0] + " " + r[1] + " id " + id[0], r[0], r[1].replace("{id}", id[1]),
                        true, r[2] == null ? null : utf8(r[2]), 400, "id"));
            }
        }
        cases.add(new Case("decisions ?user NUL", "GET", "/v1/decisions?user=a%00b", true, null, 400, "user"));
        cases.add(new Case("decisions ?code NUL", "GET", "/v1/decisions?code=a%00b", true, null, 400, "code"));
        cases.add(new Case("decisions ?org control", "GET", "/v1/decisions?org=a%01b", true, null, 400, "org"));
        cases.add(new Case("stats ?org NUL", "GET", "/v1/stats?org=%00", true, null, 400, "org"));
        cases.add(new Case("erasure ?org NUL", "DELETE", "/v1/users/u-1?org=%00", true, null, 400, "org"));
        cases.add(new Case("rollback org NUL", "POST", "/v1/admin/policies/a%00/rollback", true, null, 400, "org"));
        cases.add(new Case("upload org NUL", "PUT", "/v1/admin/policies/a%00", true, utf8("{\"settings\":{}}"), 400, "org"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformedBodies", "badFields", "freeForms", "badIds"})
    void eachCaseIsTheDocumented4xx(Case c) throws Exception {
        RawHttp.Answer answer = RawHttp.request(service.port(), c.method(), c.target(),
                c.admin() ? TestService.ADMIN_TOKEN : null, c.body());
        assertDocumentedError(answer, c.status());
        String field = answer.json().getString("field");
        if (c.field() == null) {
            assertEquals(null, field, answer.body());
        } else if (c.field().endsWith("*")) {
            String prefix = c.field().substring(0, c.field().length() - 1);
            assertNotNull(field, answer.body());
            assertTrue(field.equals(prefix) || field.startsWith(prefix + ".") || field.startsWith(prefix + "["), answer.body());
        } else {
            assertEquals(c.field(), field, answer.body());
        }
    }

    /** Framing per RFC 9112, and what Vert.x refuses before routing: the documented body, then the connection closed. */
    static Stream<Object[]> framing() {
        String body = "{\"result\":\"failure\"}";
        String post = "POST /v1/evaluations/e-1/outcome HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        return Stream.of(
                new Object[]{"chunked, identity", post + "Transfer-Encoding: chunked, identity\r\n\r\n" + chunked, 400},
                new Object[]{"identity, chunked", post + "Transfer-Encoding: identity, chunked\r\n\r\n" + chunked, 400},
                new Object[]{"gzip coding", post + "Transfer-Encoding: gzip\r\n\r\n", 400},
                new Object[]{"two Transfer-Encoding headers", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked, 400},
                new Object[]{"Transfer-Encoding in HTTP/1.0", post.replace("HTTP/1.1", "HTTP/1.0")
                        + "Transfer-Encoding: chunked\r\n\r\n" + chunked, 400},
                new Object[]{"two different Content-Lengths", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n" + body, 400},
                new Object[]{"bad chunk size", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n", 400},
                new Object[]{"chunk size overflow", post + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n" + body + "\r\n0\r\n\r\n", 400},
                new Object[]{"not HTTP", "HELLO THERE\r\n\r\n", 400},
                new Object[]{"request line too long", "GET /v1/decisions?x=" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
                new Object[]{"headers too large", "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9_000) + "\r\n\r\n", 431},
                new Object[]{"bad percent escape in a path", "POST /v1/evaluations/%zz/outcome HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, 400});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framing")
    void badFramingIsA4xxWithTheDocumentedBodyAndTheConnectionCloses(String name, String request, int status) throws Exception {
        if (name.startsWith("chunk") || name.startsWith("bad chunk")) {
            // Vert.x closes the connection on a chunk that does not decode before anything can answer it: no
            // answer, but no 5xx, no hang and (checked after each test) no ERROR.
            RawHttp.Answer answer = RawHttp.exchangeOrClosed(service.port(), request.getBytes(StandardCharsets.ISO_8859_1));
            if (answer == null) return;
            assertDocumentedError(answer, status);
            return;
        }
        RawHttp.Answer answer = RawHttp.exchange(service.port(), request.getBytes(StandardCharsets.ISO_8859_1));
        assertDocumentedError(answer, status);
        if (!name.startsWith("bad percent")) assertTrue(answer.closed(), "the connection is closed after " + name);
    }

    @Test
    void aBodyOverTheLimitIsA413WithTheDocumentedBody() throws Exception {
        byte[] body = utf8("{\"result\":\"" + "x".repeat(service.service().config().bodyLimit()) + "\"}");
        assertDocumentedError(RawHttp.request(service.port(), "POST", "/v1/evaluations/e-1/outcome", null, body), 413);
    }

    /** After the whole corpus the log still takes, stores and reads back a normal decision. */
    @Test
    void afterTheCorpusANormalDecisionIsStoredAndReadable() throws Exception {
        eachBody(malformedBodies());
        eachBody(badFields());
        eachBody(freeForms());
        var evaluated = service.post("/v1/evaluate", login("after-corpus", BOXFORD_GB, T0));
        assertEquals(200, evaluated.statusCode(), evaluated.bodyAsString());
        String id = evaluated.bodyAsJsonObject().getString("evaluation_id");
        var found = service.admin(io.vertx.core.http.HttpMethod.GET, "/v1/decisions/" + id, null);
        assertEquals(200, found.statusCode(), found.bodyAsString());
        assertEquals("after-corpus", found.bodyAsJsonObject().getString("user"));
        var search = service.admin(io.vertx.core.http.HttpMethod.GET, "/v1/decisions?user=after-corpus", null);
        assertEquals(1, search.bodyAsJsonObject().getJsonArray("decisions").size(), search.bodyAsString());
        assertEquals(200, service.get("/health").statusCode(), service.get("/health").bodyAsString());
    }

    private static void eachBody(Stream<Case> cases) throws Exception {
        for (Case c : cases.toList()) {
            int status = RawHttp.request(service.port(), c.method(), c.target(), c.admin() ? TestService.ADMIN_TOKEN : null,
                    c.body()).status();
            if (status != c.status()) fail(c.name() + " answered " + status);
        }
    }

    static void assertDocumentedError(RawHttp.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.headers().getOrDefault("content-type", "").startsWith("application/json"), answer.headers().toString());
        JsonObject error = answer.json();
        assertEquals(Set.of("error", "field", "message"), error.fieldNames(), answer.body());
        assertFalse(error.getString("error").isBlank());
        assertTrue(error.getString("message").length() > 5, answer.body());
        assertFalse(error.getString("message").matches("(?s).*(Exception|\\bat [a-z]+\\.[a-z]+\\.).*"),
                "no exception text reaches the caller: " + answer.body());
    }

    private static final String DEEP = "(1,000 levels deep)";
    /** Stands for an unpaired surrogate: an encoder writes a lone surrogate as "?", so it goes in as an escape. */
    private static final String LONE = "(lone surrogate)";

    private static String encode(JsonObject body) {
        return body.encode().replace(LONE, "\\ud800");
    }

    private static JsonObject entries(int count, String value) {
        JsonObject object = new JsonObject();
        for (int i = 0; i < count; i++) object.put("k" + i, value);
        return object;
    }

    /** Sets a value at a path such as "user.roles[0]" or "signals.Bot.code". */
    static void set(JsonObject body, String path, Object value) {
        String[] parts = path.split("\\.");
        Object at = body;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            JsonObject object = (JsonObject) at;
            String rest = String.join(".", java.util.Arrays.copyOfRange(parts, i, parts.length));
            if (object.containsKey(rest)) {
                object.put(rest, value); // a key with a dot in it, such as "x.drl"
                return;
            }
            if (bracket < 0) {
                if (last) object.put(name, value);
                else at = object.getValue(name);
            } else {
                int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                JsonArray array = object.getJsonArray(name);
                if (last) array.set(index, value);
                else at = array.getValue(index);
            }
        }
    }

    /** One value as JSON text. */
    private static String json(Object value) {
        String array = new JsonArray().add(value).encode();
        return array.substring(1, array.length() - 1);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
