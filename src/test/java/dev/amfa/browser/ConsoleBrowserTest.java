package dev.amfa.browser;

import dev.amfa.TestService;
import dev.amfa.simulate.AddressBook;
import dev.amfa.simulate.Population;
import dev.amfa.simulate.Simulator;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in headless Chromium against a service seeded by the simulator with a few thousand evaluations:
 * the charts show the statistics API's totals, the country table its ranking, and an analyst can open a
 * challenged decision and mark it legitimate.
 */
class ConsoleBrowserTest {
    private static final Instant END = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void theConsoleShowsTheSeededTrafficAndTakesFeedback() throws Exception {
        try (TestService service = TestService.start()) {
            URI base = URI.create("http://127.0.0.1:" + service.port());
            var logins = Population.logins("acme", 600, 2, END, 7, AddressBook.TEST);
            Simulator.Summary summary = new Simulator(base, null, 7).run(logins);
            assertEquals(0, summary.errors(), summary.toString());
            assertTrue(summary.evaluations() >= 2_000, summary.toString());

            String view = "org=acme&from=" + END.minus(Duration.ofDays(2)) + "&to=" + END + "&bucket=hour";
            JsonObject stats = service.admin(HttpMethod.GET, "/v1/stats?" + view, null).bodyAsJsonObject();
            assertEquals(summary.evaluations(), stats.getJsonObject("totals").getInteger("evaluations"));

            JsonObject shown = BrowserScript.run("console.mjs", base.toString(), TestService.ADMIN_TOKEN, view);
            assertEquals("[]", shown.getJsonArray("errors").encode(), "no script errors");
            assertEquals(summary.evaluations(), shown.getInteger("totalEvaluations"));
            assertEquals(summary.evaluations(), shown.getInteger("chartEvaluations"), "the chart's bars add up to the total");
            assertEquals(stats.getJsonObject("totals").getInteger("challenges"), shown.getInteger("chartChallenges"));
            assertEquals(48, shown.getInteger("buckets"));
            assertEquals(5, shown.getInteger("charts"), "time, signals, browsers, OS, false positives");
            assertEquals(5, shown.getInteger("canvasesDrawn"));
            assertEquals(stats.getJsonArray("countries").getJsonObject(0).getString("country"), shown.getString("topCountry"));
            assertEquals(stats.getJsonArray("countries").size(), shown.getInteger("countryRows"));
            assertTrue(shown.getInteger("routes") > 0, "the VPN user and the travellers draw routes");
            assertEquals(summary.evaluations(), shown.getInteger("browsersTotal"));
            assertEquals(25, shown.getInteger("searched"));
            assertTrue(shown.getInteger("reasons") > 0 && shown.getInteger("signals") >= 3, shown.encode());
            assertEquals(1, shown.getInteger("feedbackEvents"));
            assertTrue(shown.getBoolean("tokenInSessionStorage"));

            JsonObject marked = service.admin(HttpMethod.GET, "/v1/decisions/" + shown.getString("firstId"), null).bodyAsJsonObject();
            assertTrue(marked.getJsonArray("events").stream().anyMatch(e -> ((JsonObject) e).getString("type").equals("feedback")
                    && ((JsonObject) e).getJsonObject("details").getString("verdict").equals("legitimate")), marked.encode());
            assertTrue(Files.size(BrowserScript.SCREENSHOTS.resolve("console.png")) > 0);

            // /console leads to the page, which loads nothing from elsewhere (Chart.js comes from the jar).
            var page = service.get("/console");
            assertEquals(200, page.statusCode());
            assertTrue(page.bodyAsString().contains("vendor/chart-4.4.9.umd.min.js"));
            assertTrue(!page.bodyAsString().contains("://"), "no CDN");
            assertEquals(200, service.get("/console/vendor/chart-4.4.9.umd.min.js").statusCode());
            assertTrue(page.getHeader("Content-Security-Policy").startsWith("default-src 'self'"),
                    "and could not: the browser run above reported no violation of this policy");
        }
    }
}
