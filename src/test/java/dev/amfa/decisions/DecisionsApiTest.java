package dev.amfa.decisions;

import dev.amfa.TestService;
import dev.amfa.http.Logins;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.amfa.http.Logins.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/decisions and /v1/decisions/{id} on the in-memory log: filters, cursor paging, events, errors. */
class DecisionsApiTest {
    private static TestService service;
    private static String firstAlice;

    @BeforeAll
    static void seed() {
        service = TestService.start();
        // alice: a first login (challenged, new device), its outcome, then the same device again (allowed).
        firstAlice = service.post("/v1/evaluate", Logins.login("alice", Logins.BOXFORD_GB, T0)).bodyAsJsonObject().getString("evaluation_id");
        assertEquals(202, service.post("/v1/evaluations/" + firstAlice + "/outcome",
                new JsonObject().put("result", "success").put("mfa", "passed")).statusCode());
        service.post("/v1/evaluate", Logins.login("alice", Logins.BOXFORD_GB, T0.plusSeconds(3600)));
        for (int i = 0; i < 7; i++) {
            service.post("/v1/evaluate", Logins.login("bob" + i, Logins.LINKOPING_SE, T0.plusSeconds(60L * i)));
        }
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static JsonObject get(String query) {
        var response = service.admin(HttpMethod.GET, "/v1/decisions" + query, null);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    @Test
    void filtersByUserActionSignalCodeAndTime() {
        JsonArray alice = get("?org=acme&user=alice").getJsonArray("decisions");
        assertEquals(2, alice.size());
        assertEquals("allow", alice.getJsonObject(0).getString("action"), "newest first");
        assertEquals("challenge", alice.getJsonObject(1).getString("action"));
        assertEquals("GB", alice.getJsonObject(1).getString("country"));
        assertEquals("initial_login", alice.getJsonObject(1).getJsonObject("signals").getString("NewDevice"));

        assertEquals(8, get("?org=acme&action=challenge").getJsonArray("decisions").size());
        assertEquals(8, get("?signal=NewDevice&code=initial_login").getJsonArray("decisions").size());
        assertEquals(1, get("?code=match&user=alice").getJsonArray("decisions").size());
        assertEquals(3, get("?from=" + T0.plusSeconds(60 * 4) + "&to=" + T0.plusSeconds(60 * 7)).getJsonArray("decisions").size());
        assertEquals(0, get("?org=nobody").getJsonArray("decisions").size());
    }

    @Test
    void pagesWithACursorUntilTheLastPage() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = get("?org=acme&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            page.getJsonArray("decisions").forEach(d -> seen.add(((JsonObject) d).getString("evaluation_id")));
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(9, seen.size());
        assertEquals(9, seen.stream().distinct().count(), "no decision twice across pages");
    }

    @Test
    void oneDecisionShowsWhyAndWhatHappenedSince() {
        JsonObject one = service.admin(HttpMethod.GET, "/v1/decisions/" + firstAlice, null).bodyAsJsonObject();
        assertEquals("alice", one.getString("user"));
        assertEquals("low", one.getJsonObject("assessments").getJsonObject("NewDevice").getString("confidence"), one.encode());
        assertTrue(one.getJsonArray("reasons").size() > 0);
        assertNotNull(one.getString("policy_version"));
        JsonObject outcome = one.getJsonArray("events").getJsonObject(0);
        assertEquals("outcome", outcome.getString("type"));
        assertEquals("passed", outcome.getJsonObject("details").getString("mfa"));
        assertEquals(404, service.admin(HttpMethod.GET, "/v1/decisions/no-such-id", null).statusCode());
    }

    @Test
    void badQueriesAre400WithTheField() {
        for (String[] bad : new String[][]{{"?cursor=bm9wZQ", "cursor"}, {"?cursor=%%%", null},
                {"?from=yesterday", "from"}, {"?from=2026-11-20T09:00:00Z&to=2026-11-20T08:00:00Z", "to"},
                {"?action=maybe", "action"}, {"?limit=0", "limit"}, {"?limit=x", "limit"}, {"?signal=NewDevice", "code"}}) {
            var response = service.admin(HttpMethod.GET, "/v1/decisions" + bad[0], null);
            assertEquals(400, response.statusCode(), bad[0]);
            assertEquals(bad[1], response.bodyAsJsonObject().getString("field"), bad[0]);
        }
    }

    @Test
    void needsTheAdminToken() {
        assertEquals(401, service.get("/v1/decisions").statusCode());
        assertEquals(401, service.call(HttpMethod.GET, "/v1/decisions/" + firstAlice, "wrong", null).statusCode());
        assertNull(service.get("/v1/decisions").bodyAsJsonObject().getString("decisions"));
    }
}
