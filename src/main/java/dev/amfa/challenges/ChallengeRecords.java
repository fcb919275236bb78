package dev.amfa.challenges;

import dev.amfa.decisions.DecisionEvent;
import dev.amfa.decisions.DecisionLog;
import dev.amfa.evaluation.Outcome;
import dev.amfa.evaluation.OutcomeRecorder;
import dev.amfa.store.Challenge;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * What a challenge leaves behind: a decision event per step (joined to its evaluation, never with a code in
 * it) and, when it ends, the evaluation's outcome, from which the signals learn.
 */
final class ChallengeRecords {
    private static final Logger LOG = LoggerFactory.getLogger(ChallengeRecords.class);

    private final DecisionLog log;
    private final OutcomeRecorder outcomes;
    private final Clock clock;

    ChallengeRecords(DecisionLog log, OutcomeRecorder outcomes, Clock clock) {
        this.log = log;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** @param details what the step adds; the challenge id and factor are added here */
    void event(Challenge challenge, String type, JsonObject details) {
        log.appendEvent(new DecisionEvent(challenge.evaluationId(), challenge.org(), challenge.userId(), type,
                clock.instant(), details.put("challenge_id", challenge.id()).put("factor", challenge.factor())));
    }

    /**
     * Records how the evaluation ended. The challenge's verdict stands whatever happens here (an outcome already
     * reported by the caller, a store that fails): it is only what the service learns from, so it is logged.
     */
    Future<Void> outcome(Challenge challenge, Outcome outcome) {
        return outcomes.record(challenge.evaluationId(), outcome)
                .<Void>map(status -> {
                    if (status != OutcomeRecorder.Result.RECORDED && status != OutcomeRecorder.Result.QUEUED) {
                        LOG.info("challenge {}: the outcome of evaluation {} was not recorded ({})", challenge.id(),
                                challenge.evaluationId(), status);
                    }
                    return null;
                })
                .recover(e -> {
                    LOG.warn("challenge {}: recording the outcome of evaluation {} failed: {}", challenge.id(),
                            challenge.evaluationId(), e.toString());
                    return Future.succeededFuture();
                });
    }
}
