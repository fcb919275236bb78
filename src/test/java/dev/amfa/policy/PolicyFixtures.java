package dev.amfa.policy;

import dev.amfa.evaluation.Decider;
import dev.amfa.evaluation.DecisionInput;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Device;
import dev.amfa.geo.Place;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Org policies built from text, and logins decided under them, for the policy package's tests. */
final class PolicyFixtures {
    static final Place BERLIN = new Place("DE", "Berlin", "Berlin", 52.52, 13.40, 20, "Europe/Berlin");
    static final Place PARIS = new Place("FR", null, "Paris", 48.85, 2.35, 20, "Europe/Paris");
    private static Baseline baseline;

    private PolicyFixtures() {
    }

    static synchronized Baseline baseline() {
        if (baseline == null) {
            try {
                baseline = Baseline.load(Path.of("rules"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return baseline;
    }

    static EffectivePolicy policy(String org, JsonObject settings, String... drl) {
        Map<String, String> files = new TreeMap<>();
        if (settings != null) files.put(OrgSettings.FILE_NAME, settings.encode());
        for (int i = 0; i < drl.length; i++) files.put("rules" + i + ".drl", drl[i]);
        try {
            return PolicyBuilder.effective(PolicyBuilder.build(new PolicySources(org, files), baseline(), "disk"), baseline());
        } catch (PolicyRejectedException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static JsonObject request(String user, Instant at, String... factors) {
        return new JsonObject().put("org", "acme").put("ip", "192.0.2.7").put("timestamp", at.toString())
                .put("user", new JsonObject().put("id", user).put("enrolled_factors", new JsonArray(List.of(factors))));
    }

    static Assessment low(String signal, String code) {
        return new Assessment(signal, Confidence.LOW, code, null);
    }

    static Assessment high(String signal) {
        return new Assessment(signal, Confidence.HIGH, "match", null);
    }

    static Evaluation decide(EffectivePolicy policy, JsonObject request, Place place, Assessment... assessments) {
        var parsed = new EvaluationRequestParser(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).parse(request.put("org", policy.org()));
        return Decider.decide(policy, new DecisionInput("e", parsed, new Device("d", null, null, null, null), place,
                List.of(assessments), 0));
    }
}
