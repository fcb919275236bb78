package dev.amfa.evaluation;

import dev.amfa.engine.EngineResult;
import dev.amfa.facts.Assessment;
import dev.amfa.policy.PolicyMode;

import java.util.List;

/**
 * One finished evaluation: its input, what the rules made of it, and whether the decision is enforced.
 * An unenforced decision (audit mode, or a user outside a gradual roll-out) is answered with allow and
 * reported as what would have happened.
 *
 * @param unenforcedBecause null when enforced; else why not, for the response and the log
 * @param service           the calling service that asked (its key's name), or null (replays, tests)
 */
public record Evaluation(DecisionInput input, EngineResult result, PolicyMode mode, String unenforcedBecause,
                         String service) {

    public Evaluation(DecisionInput input, EngineResult result, PolicyMode mode, String unenforcedBecause) {
        this(input, result, mode, unenforcedBecause, null);
    }

    public Evaluation askedBy(String newService) {
        return new Evaluation(input, result, mode, unenforcedBecause, newService);
    }

    public String id() {
        return input.evaluationId();
    }

    public EvaluationRequest request() {
        return input.request();
    }

    public List<Assessment> assessments() {
        return input.assessments();
    }

    public boolean enforced() {
        return unenforcedBecause == null;
    }
}
