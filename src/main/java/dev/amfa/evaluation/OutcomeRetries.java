package dev.amfa.evaluation;

import dev.amfa.callers.Caller;
import dev.amfa.store.EvaluationRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * Outcomes the service acknowledged but the store could not take at the time, retried until it can. Bounded:
 * a long outage drops the oldest first, and every drop is counted and logged, never silent. An outcome older
 * than its evaluation's retention is dropped too: the evaluation it belongs to is gone.
 */
public final class OutcomeRetries {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRetries.class);
    /** Outcomes retried per pass: a pass stops at the first failure, since the store is then still away. */
    static final int PER_PASS = 500;

    /**
     * One outcome waiting for the store.
     *
     * @param claimed the evaluation, once its outcome was claimed (only learning is left); null before
     * @param caller  who reported it: the claim, when retried, is still held to what that caller may use
     */
    public record Pending(String evaluationId, Outcome outcome, EvaluationRecord claimed, Instant accepted, Caller caller) {
    }

    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private long dropped;
    private long retried;
    private boolean passRunning;

    public OutcomeRetries(int capacity, Duration maxAge, Clock clock) {
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public void offer(String evaluationId, Outcome outcome, EvaluationRecord claimed) {
        offer(evaluationId, outcome, claimed, Caller.ADMIN);
    }

    public synchronized void offer(String evaluationId, Outcome outcome, EvaluationRecord claimed, Caller caller) {
        if (queue.size() >= capacity) drop(queue.removeFirst(), "the retry buffer is full (" + capacity + ")");
        queue.addLast(new Pending(evaluationId, outcome, claimed, clock.instant(), caller));
    }

    /**
     * Retries queued outcomes in the order they came, until one fails.
     *
     * @param retry completes when the store took the outcome (or answered that it has no use for it)
     * @return how many were taken
     */
    public Future<Integer> retry(Function<Pending, Future<?>> retry) {
        synchronized (this) {
            if (passRunning) return Future.succeededFuture(0);
            passRunning = true;
        }
        return next(retry, 0).onComplete(done -> {
            synchronized (this) {
                passRunning = false;
            }
        });
    }

    private Future<Integer> next(Function<Pending, Future<?>> retry, int taken) {
        Pending pending;
        synchronized (this) {
            while ((pending = queue.pollFirst()) != null && tooOld(pending)) drop(pending, "older than " + maxAge);
            if (pending == null || taken >= PER_PASS) {
                if (pending != null) queue.addFirst(pending);
                return Future.succeededFuture(taken);
            }
        }
        Pending current = pending;
        return retry.apply(current).transform(done -> {
            synchronized (this) {
                if (done.failed()) {
                    queue.addFirst(current);
                    return Future.succeededFuture(taken);
                }
                retried++;
            }
            return next(retry, taken + 1);
        });
    }

    private boolean tooOld(Pending pending) {
        return pending.accepted().plus(maxAge).isBefore(clock.instant());
    }

    private void drop(Pending pending, String why) {
        dropped++;
        LOG.error("outcome of evaluation {} dropped ({}): {} outcomes dropped so far", pending.evaluationId(), why, dropped);
    }

    public synchronized int queued() {
        return queue.size();
    }

    public synchronized long dropped() {
        return dropped;
    }

    public synchronized JsonObject toJson() {
        return new JsonObject().put("queued", queue.size()).put("retried", retried).put("dropped", dropped);
    }
}
