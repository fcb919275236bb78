package dev.amfa.metrics;

import dev.amfa.TestService;
import dev.amfa.decisions.DecisionEvent;
import dev.amfa.http.Logins;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /metrics: evaluations, signal codes, latency, challenge events, JVM and Vert.x, bounded org labels. */
class MetricsTest {

    @Test
    void countsWhatTheDecisionLogSeesWithBoundedLabels() {
        try (TestService service = TestService.start()) {
            for (int i = 0; i < 3; i++) service.post("/v1/evaluate", Logins.login("u" + i, Logins.BOXFORD_GB, Logins.T0));
            // An org with a policy of its own (policies/bank) gets its label; a made-up one is "other".
            service.post("/v1/evaluate", Logins.login("v", Logins.BOXFORD_GB, Logins.T0).put("org", "bank"));
            service.post("/v1/evaluate", Logins.login("w", Logins.BOXFORD_GB, Logins.T0).put("org", "made-up-1"));
            service.service().decisions().appendEvent(new DecisionEvent("e1", "acme", "u0", DecisionEvent.CHALLENGE_SENT,
                    Instant.now(), new JsonObject().put("factor", "email")));
            service.service().decisions().appendEvent(new DecisionEvent("e1", "acme", "u0", DecisionEvent.CHALLENGE_PASSED,
                    Instant.now(), null));

            var response = service.get("/metrics");
            assertEquals(200, response.statusCode());
            assertTrue(response.getHeader("content-type").startsWith("text/plain"));
            String text = response.bodyAsString();
            assertTrue(text.contains("amfa_evaluations_total{action=\"challenge\",confidence=\"low\",org=\"other\"} 4.0"), text);
            assertTrue(text.contains("org=\"bank\"}"), "an org with a policy has its own series");
            assertTrue(!text.contains("made-up-1"), "caller-chosen org names never become labels");
            assertTrue(text.contains("amfa_signal_codes_total{code=\"initial_login\",signal=\"NewDevice\"} 5.0"), text);
            assertTrue(text.contains("amfa_evaluation_latency_seconds_count 5"), text);
            assertTrue(text.contains("amfa_evaluation_latency_seconds_bucket{le="), "a histogram");
            assertTrue(text.contains("amfa_decision_events_total{org=\"other\",type=\"challenge_sent\"} 1.0"), text);
            assertTrue(text.contains("amfa_decision_events_total{org=\"other\",type=\"challenge_passed\"} 1.0"), text);
            assertTrue(text.contains("amfa_policy_reloads_total"), text);
            assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics");
            assertTrue(text.contains("vertx_http_server_requests_total"), "Vert.x metrics");
        }
    }

    @Test
    void boundedLabelsKeepTheFirstValuesThenSayOther() {
        BoundedLabels labels = new BoundedLabels(2);
        assertEquals("a", labels.label("a"));
        assertEquals("b", labels.label("b"));
        assertEquals(BoundedLabels.OTHER, labels.label("c"));
        assertEquals("a", labels.label("a"));
    }
}
