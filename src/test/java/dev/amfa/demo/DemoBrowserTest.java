package dev.amfa.demo;

import dev.amfa.TestService;
import dev.amfa.browser.BrowserScript;
import dev.amfa.decisions.DecisionEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-step login demo in headless Chromium (src/test/browser/demo.mjs), against a real service. */
class DemoBrowserTest {

    @Test
    void challengedThenKnownThenLockedInARealBrowser() throws Exception {
        try (TestService service = TestService.start(TestService.config()
                .withChallenges(dev.amfa.challenges.ChallengeSettings.defaults().withDemo(true)))) {
            JsonObject r = BrowserScript.run("demo.mjs", "http://127.0.0.1:" + service.port());

            assertEquals("invalid_credentials", r.getJsonObject("wrongPassword").getString("error"), r.encodePrettily());
            assertEquals("wrong username or password", r.getJsonObject("wrongPassword").getString("message"));

            JsonObject first = r.getJsonObject("firstLogin");
            assertEquals("challenge", first.getString("action"), r.encodePrettily());
            assertEquals("email", first.getString("factor"));
            assertTrue(first.getString("prompt").contains("a***@example.com"), first.getString("prompt"));

            JsonObject passed = r.getJsonObject("passed");
            assertEquals("passed", passed.getString("status"));
            assertEquals("Signed in with MFA", passed.getString("title"));
            JsonObject claims = passed.getJsonObject("claims");
            assertEquals("alice", claims.getString("sub"));
            assertEquals("demo", claims.getString("org"));
            assertEquals(new JsonArray().add("mfa").add("email").encode(), claims.getString("amr"));
            assertTrue(r.getBoolean("cookie"), "the page set the device cookie");

            assertEquals("allow", r.getJsonObject("secondLogin").getString("action"), r.encodePrettily());
            assertEquals("Signed in without a challenge", r.getJsonObject("secondLogin").getString("title"));

            JsonObject bob = r.getJsonObject("bob");
            assertEquals("challenge", bob.getString("action"));
            assertEquals(new JsonArray().add("failed").add("failed").add("failed").add("failed").add("locked"),
                    bob.getJsonArray("verdicts"));
            assertTrue(bob.getString("message").contains("locked"), bob.getString("message"));
            assertEquals("locked", bob.getString("rightCodeAfterLock"));
            List<String> events = service.service().decisions().events(bob.getString("evaluationId")).stream()
                    .map(DecisionEvent::type).toList();
            assertTrue(events.contains(DecisionEvent.CHALLENGE_LOCKED), events.toString());

            for (String shot : List.of("demo-1-form", "demo-3-code-asked", "demo-5-signed-in-with-mfa",
                    "demo-6-known-browser", "demo-7-locked")) {
                assertTrue(Files.size(BrowserScript.SCREENSHOTS.resolve(shot + ".png")) > 0, shot);
            }
        }
    }
}
