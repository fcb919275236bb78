package dev.amfa.policy;

import dev.amfa.evaluation.Evaluation;
import dev.amfa.evaluation.EvaluationJson;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.amfa.policy.PolicyFixtures.BERLIN;
import static dev.amfa.policy.PolicyFixtures.decide;
import static dev.amfa.policy.PolicyFixtures.high;
import static dev.amfa.policy.PolicyFixtures.low;
import static dev.amfa.policy.PolicyFixtures.policy;
import static dev.amfa.policy.PolicyFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The service writes responses with a streaming generator (EvaluationJson.buffer) and `amfa eval` builds them
 * as objects (EvaluationJson.of): both must say the same, whatever the decision.
 */
class ResponseEncodingTest {
    private static final Instant AT = Instant.parse("2026-01-05T12:00:00Z");

    @Test
    void theStreamedResponseEqualsTheBuiltOne() {
        Assessment travel = new Assessment("ImpossibleTravel", Confidence.LOW, "impossible_travel_from_last_login",
                new JsonObject().put("from", BERLIN.toJson().put("at", AT.toString())).put("speed_kmh", 16_000.5)
                        .put("nested", new JsonObject().put("list", new io.vertx.core.json.JsonArray().add(1).add("two").add(true))));
        List<Evaluation> evaluations = List.of(
                decide(policy("acme", null), request("u", AT, "otp", "email"), BERLIN, high("NewDevice")),
                decide(policy("acme", null), request("u", AT, "otp", "webauthn-roaming"), BERLIN, low("NewDevice", "no_match"), travel),
                decide(policy("acme", null), request("u", AT), null, low("NewDevice", "initial_login")),
                decide(policy("acme", new JsonObject().put("mode", "audit")), request("u", AT, "otp"), BERLIN, low("NewDevice", "no_match")),
                decide(policy("acme", new JsonObject().put("mode", "off")), request("u", AT, "otp"), BERLIN, high("NewDevice")));
        for (Evaluation evaluation : evaluations) {
            for (boolean explain : new boolean[] {false, true}) {
                JsonObject built = EvaluationJson.of(evaluation, explain);
                JsonObject streamed = new JsonObject(EvaluationJson.buffer(evaluation, explain));
                assertEquals(built, streamed, "explain=" + explain);
            }
        }
    }
}
