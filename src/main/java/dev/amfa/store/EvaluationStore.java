package dev.amfa.store;

import dev.amfa.callers.Caller;
import io.vertx.core.Future;

/** Evaluations awaiting their outcome. */
public interface EvaluationStore {

    Future<Void> save(EvaluationRecord record);

    /** {@link #claimOutcome(String, Caller)} for the service itself (a passed challenge, the demo). */
    default Future<OutcomeClaim> claimOutcome(String evaluationId) {
        return claimOutcome(evaluationId, Caller.ADMIN);
    }

    /**
     * Atomically marks the outcome as recorded: a second claim for the same id answers ALREADY_RECORDED. An
     * evaluation the caller may not use (another service's, another org's) is UNKNOWN, as if it did not exist,
     * and stays unclaimed.
     */
    Future<OutcomeClaim> claimOutcome(String evaluationId, Caller caller);

    /** The evaluation while it still awaits its outcome (within retention, no outcome yet), else null. */
    Future<EvaluationRecord> findPending(String evaluationId);

    /** Forgets every evaluation of the user (erasure on request): their outcomes can no longer be recorded. */
    Future<Void> erase(String org, String userId);
}
