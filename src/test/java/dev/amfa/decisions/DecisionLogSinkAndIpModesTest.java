package dev.amfa.decisions;

import dev.amfa.TestService;
import dev.amfa.http.Logins;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON-lines copy for a SIEM, and IPs truncated or hashed in the log by configuration. */
class DecisionLogSinkAndIpModesTest {
    @TempDir
    Path dir;

    private static DecisionLogSettings settings(Path jsonLines, String ipMode) {
        DecisionLogSettings d = DecisionLogSettings.DEFAULTS;
        return new DecisionLogSettings(jsonLines, ipMode, "secret-key", d.memoryPerOrg(), d.queueSize(), d.batchSize(),
                d.retentionDays());
    }

    @Test
    void hashedIpsInTheLogAndItsJsonLinesCopy() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        String id;
        try (TestService service = TestService.start(TestService.config().withDecisionLog(settings(file, "hash")))) {
            id = service.post("/v1/evaluate", Logins.login("alice", Logins.BOXFORD_GB, Logins.T0)).bodyAsJsonObject()
                    .getString("evaluation_id");
            service.post("/v1/evaluations/" + id + "/outcome", new JsonObject().put("result", "success").put("mfa", "passed"));
            JsonObject logged = service.admin(HttpMethod.GET, "/v1/decisions/" + id, null).bodyAsJsonObject();
            assertTrue(logged.getString("ip").matches("hash:[0-9a-f]{16}"), logged.getString("ip"));
            assertFalse(logged.encode().contains(Logins.BOXFORD_GB));
            String again = service.post("/v1/evaluate", Logins.login("bob", Logins.BOXFORD_GB, Logins.T0)).bodyAsJsonObject()
                    .getString("evaluation_id");
            assertEquals(logged.getString("ip"), service.admin(HttpMethod.GET, "/v1/decisions/" + again, null).bodyAsJsonObject()
                    .getString("ip"), "one address, one hash");
        }
        // Closing the service wrote what the sink had queued.
        List<JsonObject> lines = Files.readAllLines(file).stream().map(JsonObject::new).toList();
        assertEquals(List.of("decision", "event", "decision"), lines.stream().map(l -> l.getString("kind")).toList());
        assertEquals(id, lines.get(0).getString("evaluation_id"));
        assertTrue(lines.get(0).getJsonObject("assessments").containsKey("NewDevice"));
        assertEquals("outcome", lines.get(1).getString("type"));
        assertFalse(Files.readString(file).contains(Logins.BOXFORD_GB), "no raw IP reaches the SIEM copy");
    }

    @Test
    void truncatedIpsKeepTheNetworkAndTheDecisionStillReplays() {
        try (TestService service = TestService.start(TestService.config().withDecisionLog(settings(null, "truncate")))) {
            String id = service.post("/v1/evaluate", Logins.login("carol", Logins.LINKOPING_SE, Logins.T0)).bodyAsJsonObject()
                    .getString("evaluation_id");
            JsonObject logged = service.admin(HttpMethod.GET, "/v1/decisions/" + id, null).bodyAsJsonObject();
            assertEquals("89.160.20.0/24", logged.getString("ip"));
            assertEquals("SE", logged.getString("country"));
            var records = service.service().decisions().recent("acme", 10);
            assertEquals("89.160.20.0", records.get(0).input().request().ip().getHostAddress());
            JsonObject replay = Replay.run(service.service().policies().current().forOrg("acme"), records);
            assertEquals(0, replay.getInteger("changed"), replay.encode());
        }
    }

    @Test
    void badSettingsAreRefused() {
        DecisionLogSettings d = DecisionLogSettings.DEFAULTS;
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DecisionLogSettings(null, "scramble", "", 1, 1, 1, 1));
        assertTrue(e.getMessage().contains("keep, truncate, hash"), e.getMessage());
        assertFalse(d.toString().contains("secret"));
    }
}
