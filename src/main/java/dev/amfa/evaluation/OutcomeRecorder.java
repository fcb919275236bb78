package dev.amfa.evaluation;

import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.OutcomeClaim;
import dev.amfa.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import dev.amfa.decisions.DecisionEvent;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Learns from a reported outcome. Only a success teaches what is normal for the user (device, place, time);
 * a failure counts against the IP and the user for velocity. Each evaluation's outcome is taken once.
 */
public final class OutcomeRecorder {
    private final Stores stores;
    private final Consumer<DecisionEvent> decisionLog;

    public OutcomeRecorder(Stores stores) {
        this(stores, event -> { });
    }

    /** @param decisionLog told of each recorded outcome, joined there to its decision; must not block */
    public OutcomeRecorder(Stores stores, Consumer<DecisionEvent> decisionLog) {
        this.stores = stores;
        this.decisionLog = decisionLog;
    }

    public Future<OutcomeClaim.Status> record(String evaluationId, Outcome outcome) {
        return stores.evaluations().claimOutcome(evaluationId).compose(claim -> {
            if (claim.status() != OutcomeClaim.Status.CLAIMED) return Future.succeededFuture(claim.status());
            EvaluationRecord evaluation = claim.record();
            decisionLog.accept(new DecisionEvent(evaluation.id(), evaluation.org(), evaluation.userId(),
                    DecisionEvent.OUTCOME, Instant.now(), new JsonObject()
                    .put("result", outcome.success() ? "success" : "failure").put("mfa", outcome.mfa())));
            return learn(evaluation, outcome).map(OutcomeClaim.Status.CLAIMED);
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
