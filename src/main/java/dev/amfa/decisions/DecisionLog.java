package dev.amfa.decisions;

import dev.amfa.evaluation.Evaluation;

import java.util.List;

/** Every decision, for replays of candidate policies now and for the Security Center later. */
public interface DecisionLog {

    /** Called on the request path: must never block. */
    void append(Evaluation evaluation);

    /** Called on the request path: must never block. Joins the event to its evaluation's decision. */
    void appendEvent(DecisionEvent event);

    /** What happened to one evaluation after its decision, oldest first. */
    List<DecisionEvent> events(String evaluationId);

    /** The org's most recent decisions, newest first. */
    List<DecisionRecord> recent(String org, int limit);
}
