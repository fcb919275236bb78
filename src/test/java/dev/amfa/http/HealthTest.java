package dev.amfa.http;

import dev.amfa.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthTest {

    @Test
    void readyOnlyWithRulesGeoIpAndStoreUp() {
        try (TestService service = TestService.start()) {
            var response = service.get("/health");
            assertEquals(200, response.statusCode());
            JsonObject health = response.bodyAsJsonObject();
            assertEquals("ready", health.getString("status"));
            JsonObject components = health.getJsonObject("components");
            for (String part : new String[] {"rules", "geoip", "store"}) {
                assertTrue(components.getJsonObject(part).getBoolean("ready"), part);
            }
            assertTrue(components.getJsonObject("geoip").getString("detail").contains("GeoIP2-City"));
            // The suite runs twice: once on the in-memory store, once on PostgreSQL.
            assertEquals(TestService.STORE, components.getJsonObject("store").getString("detail"));

            service.service().status().notReady("geoip", "database closed");
            var down = service.get("/health");
            assertEquals(503, down.statusCode());
            assertEquals("not_ready", down.bodyAsJsonObject().getString("status"));

            service.service().status().ready("geoip", "reopened");
            service.service().status().drain();
            var draining = service.get("/health");
            assertEquals(503, draining.statusCode());
            assertEquals("draining", draining.bodyAsJsonObject().getString("status"));
            assertFalse(service.service().status().isReady());
        }
    }
}
