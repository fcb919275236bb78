package dev.amfa.evaluation;

import dev.amfa.callers.Caller;
import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.Stores;
import dev.amfa.store.VelocityStore;
import io.vertx.core.Future;
import dev.amfa.decisions.DecisionEvent;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Learns from a reported outcome. Only a success teaches what is normal for the user (device, place, time);
 * a failure counts against the IP and the user for velocity. Each evaluation's outcome is taken once.
 * When the store does not answer in time, the outcome is acknowledged as queued and retried from a bounded
 * buffer ({@link OutcomeRetries}), so an outage loses nothing the caller was told was accepted.
 */
public final class OutcomeRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);
    /** How long the caller waits for the store before its outcome is queued instead. */
    static final Duration STORE_BUDGET = Duration.ofSeconds(2);

    /** What became of a reported outcome. */
    public enum Result { RECORDED, QUEUED, UNKNOWN, ALREADY_RECORDED }

    private final Stores stores;
    private final OutcomeRetries retries;
    private final Consumer<DecisionEvent> decisionLog;
    private final java.time.Clock clock;

    /**
     * @param decisionLog told of each recorded outcome, joined there to its decision; must not block
     * @param clock       the server's time: a failure counts for velocity from when it is learned, not from the
     *                    caller's timestamp, so a back-dated login cannot place its failures outside the window
     */
    public OutcomeRecorder(Stores stores, OutcomeRetries retries, Consumer<DecisionEvent> decisionLog, java.time.Clock clock) {
        this.stores = stores;
        this.retries = retries;
        this.decisionLog = decisionLog;
        this.clock = clock;
    }

    /** An outcome the service itself reports (a challenge's, the demo's): no caller's scope applies. */
    public Future<Result> record(String evaluationId, Outcome outcome) {
        return record(evaluationId, outcome, Caller.ADMIN);
    }

    /** @param caller who reports it: another service's or org's evaluation is UNKNOWN to it */
    public Future<Result> record(String evaluationId, Outcome outcome, Caller caller) {
        return claimAndLearn(evaluationId, outcome, caller)
                .timeout(STORE_BUDGET.toMillis(), TimeUnit.MILLISECONDS)
                .recover(e -> {
                    LOG.warn("outcome of {} queued for retry: the store did not take it ({})", evaluationId, e.toString());
                    retries.offer(evaluationId, outcome, null, caller);
                    return Future.succeededFuture(Result.QUEUED);
                });
    }

    /** One pass over the queued outcomes; the service runs it periodically. */
    public Future<Integer> retryQueued() {
        return retries.retry(pending -> pending.claimed() == null
                ? claimAndLearn(pending.evaluationId(), pending.outcome(), pending.caller()).onSuccess(result -> {
                    if (result != Result.RECORDED) LOG.info("queued outcome of {} not needed: {}", pending.evaluationId(), result);
                })
                : learn(pending.claimed(), pending.outcome()));
    }

    public OutcomeRetries retries() {
        return retries;
    }

    private Future<Result> claimAndLearn(String evaluationId, Outcome outcome, Caller caller) {
        return stores.evaluations().claimOutcome(evaluationId, caller).compose(claim -> switch (claim.status()) {
            case UNKNOWN -> Future.succeededFuture(Result.UNKNOWN);
            case ALREADY_RECORDED -> Future.succeededFuture(Result.ALREADY_RECORDED);
            // Claimed: the outcome is ours to keep even if learning from it fails now.
            case CLAIMED -> logged(claim.record(), outcome).recover(e -> {
                LOG.warn("learning from the outcome of {} queued for retry ({})", evaluationId, e.toString());
                retries.offer(evaluationId, outcome, claim.record());
                return Future.succeededFuture();
            }).map(Result.RECORDED);
        });
    }

    /** Joins the outcome to its decision in the log, then learns from it. */
    private Future<Void> logged(EvaluationRecord evaluation, Outcome outcome) {
        decisionLog.accept(new DecisionEvent(evaluation.id(), evaluation.org(), evaluation.userId(),
                DecisionEvent.OUTCOME, clock.instant(), new JsonObject()
                .put("result", outcome.success() ? "success" : "failure").put("mfa", outcome.mfa())));
        return learn(evaluation, outcome);
    }

    private Future<Void> learn(EvaluationRecord evaluation, Outcome outcome) {
        if (outcome.success()) {
            KnownLogin login = evaluation.place() == null ? null : new KnownLogin(evaluation.place(), evaluation.at());
            return stores.users().rememberSuccess(evaluation.org(), evaluation.userId(), evaluation.at(),
                    evaluation.device(), login);
        }
        Instant now = clock.instant();
        return Future.all(
                stores.users().recordFailure(evaluation.org(), evaluation.userId(), now),
                stores.velocity().recordFailure(evaluation.ip(), VelocityStore.userKey(evaluation.org(), evaluation.userId()),
                        now)).mapEmpty();
    }
}
