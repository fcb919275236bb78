package dev.amfa.store;

import io.vertx.core.Future;

/** Evaluations awaiting their outcome. */
public interface EvaluationStore {

    Future<Void> save(EvaluationRecord record);

    /** Atomically marks the outcome as recorded: a second claim for the same id answers ALREADY_RECORDED. */
    Future<OutcomeClaim> claimOutcome(String evaluationId);

    /** The evaluation while it still awaits its outcome (within retention, no outcome yet), else null. */
    Future<EvaluationRecord> findPending(String evaluationId);

    /** Forgets every evaluation of the user (erasure on request): their outcomes can no longer be recorded. */
    Future<Void> erase(String org, String userId);
}
