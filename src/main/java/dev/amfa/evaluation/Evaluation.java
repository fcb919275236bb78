package dev.amfa.evaluation;

import dev.amfa.engine.EngineResult;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;

import java.util.List;

/** One finished evaluation: its input, what each signal said, and what the rules made of it. */
public record Evaluation(String id, EvaluationRequest request, List<Assessment> assessments, EngineResult result) {

    public Confidence confidence() {
        return result.decision().getConfidence();
    }
}
