package dev.amfa.browser;

import dev.amfa.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser tests' harness itself: Chromium starts, reaches the service, and leaves a screenshot. */
class BrowserHarnessTest {

    @Test
    void chromiumOpensTheServiceAndLeavesAScreenshot() throws Exception {
        try (TestService service = TestService.start()) {
            JsonObject result = BrowserScript.run("health.mjs", "http://127.0.0.1:" + service.port());
            assertEquals(200, result.getInteger("status"));
            assertEquals("ready", result.getJsonObject("body").getString("status"), result.encode());
            assertTrue(Files.size(BrowserScript.SCREENSHOTS.resolve("health.png")) > 0);
        }
    }
}
