package dev.amfa.stats;

import dev.amfa.TestService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.amfa.stats.Seed.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/stats over the in-memory decision log. */
class StatsApiTest {
    private static TestService service;
    private static int evaluations;

    @BeforeAll
    static void seed() {
        service = TestService.start();
        evaluations = Seed.run(service, 4);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static JsonObject stats(TestService service, String query) {
        var response = service.admin(HttpMethod.GET, "/v1/stats" + query, null);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    static String day() {
        return "?org=acme&from=" + T0 + "&to=" + T0.plusSeconds(86_400);
    }

    @Test
    void countsEveryDecisionOnceAcrossHourlyBuckets() {
        JsonObject stats = stats(service, day() + "&bucket=hour");
        assertEquals(24, stats.getJsonArray("series").size());
        long summed = stats.getJsonArray("series").stream().mapToLong(b -> ((JsonObject) b).getLong("evaluations")).sum();
        assertEquals(evaluations, summed);
        assertEquals(evaluations, stats.getJsonObject("totals").getLong("evaluations"));
        JsonObject first = stats.getJsonArray("series").getJsonObject(0);
        assertEquals(T0.toString(), first.getString("t"));
        assertEquals(3, first.getLong("evaluations"), first.encode());
        // 08:00 to 08:00 the next day touches two UTC days.
        assertEquals(2, stats(service, day() + "&bucket=day").getJsonArray("series").size());
    }

    @Test
    void signalCodesCountriesRoutesAndDevices() {
        JsonObject stats = stats(service, day());
        JsonObject newDevice = stats.getJsonObject("signals").getJsonObject("NewDevice");
        assertEquals(2 + 4, newDevice.getLong("initial_login"), newDevice.encode());
        assertEquals(1, newDevice.getLong("no_match"), "carol's phone");
        JsonObject top = stats.getJsonArray("countries").getJsonObject(0);
        assertEquals("US", top.getString("country"), stats.getJsonArray("countries").encode());
        assertEquals(4, top.getLong("logins"));
        assertEquals(1, stats.getJsonArray("routes").size(), stats.getJsonArray("routes").encode());
        String route = stats.getJsonArray("routes").getJsonObject(0).getString("route");
        assertTrue(route.endsWith("→ Melbourne, AU") && route.contains("SE"), route);
        assertEquals(evaluations - 1, stats.getJsonObject("devices").getJsonObject("browsers").getLong("Chrome"));
        assertEquals(1, stats.getJsonObject("devices").getJsonObject("os").getLong("Linux"));
    }

    @Test
    void challengesPassedOnTheFirstTryCountAgainstTheSignalsThatDoubted() {
        JsonObject passed = stats(service, day()).getJsonObject("false_positives").getJsonObject("passed_first_try");
        assertEquals(2, passed.getLong("NewDevice"), passed.encode());
    }

    @Test
    void badParametersAre400() {
        for (String[] bad : new String[][]{{"?bucket=week", "bucket"}, {"?from=" + T0 + "&to=" + T0, "to"},
                {"?from=" + T0.minusSeconds(86_400L * 365) + "&to=" + T0, "from"}, {"?to=soon", "to"},
                {"?to=-1000000000-01-01T00:00:00Z", "to"}, {"?from=+300000-01-01T00:00:00Z", "from"}}) {
            var response = service.admin(HttpMethod.GET, "/v1/stats" + bad[0], null);
            assertEquals(400, response.statusCode(), bad[0]);
            assertEquals(bad[1], response.bodyAsJsonObject().getString("field"), bad[0]);
        }
        assertEquals(401, service.get("/v1/stats").statusCode());
    }
}
