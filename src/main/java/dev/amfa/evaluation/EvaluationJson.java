package dev.amfa.evaluation;

import dev.amfa.engine.FiredRule;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Decision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashSet;

/** The POST /v1/evaluate response body. */
public final class EvaluationJson {
    private EvaluationJson() {
    }

    /** @param explain also list every rule firing with the facts it matched */
    public static JsonObject of(Evaluation evaluation, boolean explain) {
        Decision decision = evaluation.result().decision();
        JsonObject assessments = new JsonObject();
        for (Assessment a : evaluation.assessments()) assessments.put(a.getSignal(), a.toJson());
        JsonObject json = new JsonObject()
                .put("evaluation_id", evaluation.id())
                .put("evaluated", decision.isEvaluated())
                .put("mode", evaluation.mode().json());
        if (evaluation.enforced()) {
            json.put("action", decision.action().json()).put("mfa", mfa(decision));
        } else {
            json.put("action", "allow").put("mfa", new JsonObject().put("required", false).put("factors", new JsonArray()))
                    .put("audit", new JsonObject()
                            .put("reason", evaluation.unenforcedBecause())
                            .put("action", decision.action().json())
                            .put("mfa", mfa(decision)));
        }
        json
                .put("confidence", decision.getConfidence().json())
                .put("risk_score", Math.round(decision.getRiskScore() * 1000) / 1000.0)
                .put("assessments", assessments)
                // A rule that fires once per signal is one reason, not three.
                .put("reasons", new JsonArray(new java.util.ArrayList<>(new LinkedHashSet<>(evaluation.result().reasons()))))
                .put("notes", new JsonArray(decision.getNotes()))
                .put("policy", new JsonObject()
                        .put("org", evaluation.request().org())
                        .put("version", evaluation.result().policyVersion()));
        if (explain) {
            JsonArray fired = new JsonArray();
            for (FiredRule rule : evaluation.result().fired()) fired.add(rule.toJson());
            json.put("explanation", fired);
        }
        return json;
    }

    private static JsonObject mfa(Decision decision) {
        JsonObject mfa = new JsonObject()
                .put("required", decision.mfaRequired())
                .put("factors", new JsonArray(decision.factors()));
        if (!decision.enroll().isEmpty()) mfa.put("enroll", new JsonArray(decision.enroll()));
        return mfa;
    }
}
