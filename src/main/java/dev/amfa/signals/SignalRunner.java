package dev.amfa.signals;

import dev.amfa.facts.Assessment;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every signal concurrently, each within its own time budget. A signal that throws, fails or runs out of
 * time answers assessment_not_available (low confidence): the evaluation always gets one assessment per signal.
 */
public final class SignalRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SignalRunner.class);
    /** The reason of every signal that failed, whatever failed. */
    public static final String FAILED = "signal failed";

    private final Vertx vertx;
    private final List<Signal> signals;

    public SignalRunner(Vertx vertx, List<Signal> signals) {
        this.vertx = vertx;
        this.signals = List.copyOf(signals);
    }

    /** Always succeeds: one assessment per signal, the built-in ones first, then {@code extra} (an org's own). */
    public Future<List<Assessment>> assessAll(SignalInput input, List<Signal> extra) {
        List<Future<Assessment>> answers = new ArrayList<>(signals.size() + extra.size());
        for (Signal signal : signals) answers.add(withinBudget(signal, input));
        for (Signal signal : extra) answers.add(withinBudget(signal, input));
        return Future.all(answers).map(done -> {
            List<Assessment> assessments = new ArrayList<>(answers.size());
            for (Future<Assessment> answer : answers) assessments.add(answer.result());
            return assessments;
        });
    }

    private Future<Assessment> withinBudget(Signal signal, SignalInput input) {
        Future<Assessment> answer;
        try {
            answer = signal.assess(input);
        } catch (RuntimeException e) {
            return Future.succeededFuture(failed(signal, input, e));
        }
        // An in-memory store answers at once: no timer needed for the common case.
        if (answer.isComplete()) return Future.succeededFuture(settle(signal, input, answer));
        Promise<Assessment> settled = Promise.promise();
        long budget = signal.budget(input.settings()).toMillis();
        long timer = vertx.setTimer(budget, t -> settled.tryComplete(
                Assessment.notAvailable(signal.name(), "no answer within " + budget + " ms")));
        answer.onComplete(done -> {
            vertx.cancelTimer(timer);
            settled.tryComplete(settle(signal, input, done));
        });
        return settled.future();
    }

    private static Assessment settle(Signal signal, SignalInput input, io.vertx.core.AsyncResult<Assessment> done) {
        if (done.succeeded() && done.result() != null) return done.result();
        return failed(signal, input, done.cause());
    }

    /**
     * What went wrong goes to the log only: an exception's text can hold a database's error, a class name, or the
     * body an org's external service answered (anything an internal address would say), none of it the caller's.
     */
    private static Assessment failed(Signal signal, SignalInput input, Throwable cause) {
        LOG.warn("signal {} failed for org {}: {}", signal.name(), input.org(),
                cause == null ? "no assessment" : cause.toString());
        return Assessment.notAvailable(signal.name(), FAILED);
    }
}
