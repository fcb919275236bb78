package dev.amfa.evaluation;

import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.OutcomeClaim;
import dev.amfa.store.Stores;
import io.vertx.core.Future;

/**
 * Learns from a reported outcome. Only a success teaches what is normal for the user (device, place, time);
 * a failure counts against the IP and the user for velocity. Each evaluation's outcome is taken once.
 */
public final class OutcomeRecorder {
    private final Stores stores;

    public OutcomeRecorder(Stores stores) {
        this.stores = stores;
    }

    public Future<OutcomeClaim.Status> record(String evaluationId, Outcome outcome) {
        return stores.evaluations().claimOutcome(evaluationId).compose(claim -> {
            if (claim.status() != OutcomeClaim.Status.CLAIMED) return Future.succeededFuture(claim.status());
            return learn(claim.record(), outcome).map(OutcomeClaim.Status.CLAIMED);
        });
    }

    private Future<Void> learn(EvaluationRecord evaluation, Outcome outcome) {
        if (outcome.success()) {
            KnownLogin login = evaluation.place() == null ? null : new KnownLogin(evaluation.place(), evaluation.at());
            return stores.users().rememberSuccess(evaluation.org(), evaluation.userId(), evaluation.at(),
                    evaluation.device(), login);
        }
        return Future.all(
                stores.users().recordFailure(evaluation.org(), evaluation.userId(), evaluation.at()),
                stores.velocity().recordFailure(evaluation.ip(), evaluation.org() + "/" + evaluation.userId(),
                        evaluation.at())).mapEmpty();
    }
}
