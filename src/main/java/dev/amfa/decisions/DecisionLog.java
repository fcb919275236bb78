package dev.amfa.decisions;

import dev.amfa.evaluation.Evaluation;
import io.vertx.core.Future;

import java.util.List;

/** Every decision, for replays of candidate policies, the decision search and the Security Center's statistics. */
public interface DecisionLog {

    /** Called on the request path: must never block. */
    default void append(Evaluation evaluation) {
        add(DecisionRecord.of(evaluation));
    }

    /** A decision already made into a record (its IP as the log keeps it). Must never block. */
    void add(DecisionRecord record);

    /** Called on the request path: must never block. Joins the event to its evaluation's decision. */
    void appendEvent(DecisionEvent event);

    /** What happened to one evaluation after its decision, oldest first. May block: not on an event loop. */
    List<DecisionEvent> events(String evaluationId);

    /** The org's most recent decisions, newest first. May block: not on an event loop. */
    List<DecisionRecord> recent(String org, int limit);

    /** Decisions matching the query, newest first, one page. */
    Future<DecisionPage> search(DecisionQuery query);

    /** One decision with its events; null when the log does not have it. */
    Future<LoggedDecision> find(String evaluationId);

    /**
     * Replaces the user's id and IPs in every logged decision and event with a one-way marker, and drops their
     * email and attributes. Answers how many decisions changed.
     */
    Future<Long> anonymise(String org, String userId);

    /** Writes what is still queued; the service calls it on shutdown. */
    default Future<Void> flush() {
        return Future.succeededFuture();
    }

    /** A decision with what happened to it since. */
    record LoggedDecision(DecisionRecord record, List<DecisionEvent> events) {
    }
}
