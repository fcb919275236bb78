package dev.amfa.decisions;

import dev.amfa.evaluation.DecisionInput;
import dev.amfa.evaluation.Evaluation;

import java.util.List;

/**
 * One logged decision: the whole input the rules decided from (so it can be replayed against another policy)
 * and what was answered.
 *
 * @param action what the caller was told (allow when the decision was not enforced)
 */
public record DecisionRecord(DecisionInput input, String action, List<String> factors, String policyVersion) {

    public static DecisionRecord of(Evaluation evaluation) {
        var decision = evaluation.result().decision();
        return new DecisionRecord(evaluation.input(),
                evaluation.enforced() ? decision.action().json() : "allow",
                evaluation.enforced() ? decision.factors() : List.of(),
                evaluation.result().policyVersion());
    }

    public String org() {
        return input.request().org();
    }
}
