package dev.amfa.policy;

import dev.amfa.engine.FiredRule;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.evaluation.EvaluationJson;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Decision;
import io.vertx.core.json.JsonArray;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The response (written by the streaming encoder, EvaluationJson.buffer) says what the decision says, for
 * enforced, audited and unevaluated decisions, with and without the explanation; details of any JSON shape
 * come through unchanged.
 */
class ResponseContentTest {
    private static final Instant AT = Instant.parse("2026-01-05T12:00:00Z");

    @Test
    void theResponseSaysWhatTheDecisionSays() {
        Assessment travel = new Assessment("ImpossibleTravel", Confidence.LOW, "impossible_travel_from_last_login",
                new JsonObject().put("from", BERLIN.toJson().put("at", AT.toString())).put("speed_kmh", 16_000.5)
                        .put("nested", new JsonObject().put("list", new JsonArray().add(1).add("two").add(true))));
        List<Evaluation> evaluations = List.of(
                decide(policy("acme", null), request("u", AT, "otp", "email"), BERLIN, high("NewDevice")),
                decide(policy("acme", null), request("u", AT, "otp", "webauthn-roaming"), BERLIN, low("NewDevice", "no_match"), travel),
                decide(policy("acme", null), request("u", AT), null, low("NewDevice", "initial_login")),
                decide(policy("acme", new JsonObject().put("mode", "audit")), request("u", AT, "otp"), BERLIN, low("NewDevice", "no_match")),
                decide(policy("acme", new JsonObject().put("mode", "off")), request("u", AT, "otp"), BERLIN, high("NewDevice")));
        for (Evaluation evaluation : evaluations) {
            for (boolean explain : new boolean[] {false, true}) {
                check(evaluation, explain, new JsonObject(EvaluationJson.buffer(evaluation, explain)));
            }
        }
    }

    private static void check(Evaluation evaluation, boolean explain, JsonObject json) {
        Decision decision = evaluation.result().decision();
        String what = evaluation.mode() + " explain=" + explain + ": " + json.encode();
        assertEquals(evaluation.id(), json.getString("evaluation_id"), what);
        assertEquals(decision.isEvaluated(), json.getBoolean("evaluated"), what);
        JsonObject decided = evaluation.enforced() ? json : json.getJsonObject("audit");
        assertEquals(evaluation.enforced() ? decision.action().json() : "allow", json.getString("action"), what);
        assertEquals(decision.action().json(), decided.getString("action"), what);
        assertEquals(new JsonArray(decision.factors()), decided.getJsonObject("mfa").getJsonArray("factors"), what);
        assertEquals(decision.mfaRequired(), decided.getJsonObject("mfa").getBoolean("required"), what);
        if (evaluation.enforced()) {
            assertNull(json.getJsonObject("audit"), what);
        } else {
            assertEquals(evaluation.unenforcedBecause(), json.getJsonObject("audit").getString("reason"), what);
            assertFalse(json.getJsonObject("mfa").getBoolean("required"), "an unenforced decision asks for nothing");
        }
        assertEquals(decision.getConfidence().json(), json.getString("confidence"), what);
        for (Assessment a : evaluation.assessments()) {
            assertEquals(a.toJson(), json.getJsonObject("assessments").getJsonObject(a.getSignal()), what);
        }
        assertEquals(new JsonArray(EvaluationJson.reasons(evaluation)), json.getJsonArray("reasons"), what);
        assertEquals(new JsonArray(decision.getNotes()), json.getJsonArray("notes"), what);
        assertEquals(evaluation.result().policyVersion(), json.getJsonObject("policy").getString("version"), what);
        if (explain) {
            JsonArray fired = json.getJsonArray("explanation");
            assertEquals(evaluation.result().fired().size(), fired.size(), what);
            for (int i = 0; i < fired.size(); i++) {
                FiredRule rule = evaluation.result().fired().get(i);
                assertEquals(rule.toJson(), fired.getJsonObject(i), what);
            }
            assertTrue(fired.size() > 0, "something fired: " + what);
        } else {
            assertFalse(json.containsKey("explanation"), what);
        }
        assertEquals(json, EvaluationJson.of(evaluation, explain), "the object form is the same response");
    }
}
