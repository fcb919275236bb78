package dev.amfa.evaluation;

import dev.amfa.engine.PolicyEngine;
import dev.amfa.engine.RuleBudget;
import dev.amfa.engine.RuleSet;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Decision;
import dev.amfa.facts.LoginContext;
import dev.amfa.facts.User;
import dev.amfa.policy.EffectivePolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decides on a pool of worker threads, never on the event loop, and answers within the budget whatever the rules
 * do: rules that are still running when the time is up are answered for with a fail-closed challenge, and stop
 * at their next firing (RuleBudget). So one org's slow rules cannot hold up the event loop that serves every
 * other org, and a caller never waits for rules longer than the budget.
 *
 * <p>The hop to a worker and back (executeBlocking plus its timeout) cost 88 µs per evaluation, measured as 15,000
 * sequential hops of an empty task on the project's 2-core machine while other builds kept it at load 22; an idle
 * machine does better. Small beside an evaluation's signals and stores, and the price of an event loop that
 * rules cannot stall.
 */
public final class RuleRunner implements AutoCloseable {
    private final WorkerExecutor workers;
    private final RuleBudget budget;

    /** @param threads rule evaluations that may run at once; more wait for a thread within their budget */
    public RuleRunner(Vertx vertx, RuleBudget budget, int threads) {
        this.workers = vertx.createSharedWorkerExecutor("amfa-rules", threads);
        this.budget = budget;
    }

    /**
     * Runs the baseline once on the calling (start-up) thread. The first evaluation in a JVM loads Drools' runtime
     * classes; it took over 2 s on a 2-core machine at load 24, which would fail the first logins closed.
     */
    public static void warmUp(RuleSet baseline) {
        Decision decision = new Decision(List.of("otp"));
        PolicyEngine.evaluate(baseline, null, baseline.version(), decision, List.of(
                new LoginContext("warm-up", "warm-up", "authorization_code", null, "192.0.2.1", Instant.EPOCH, null, List.of()),
                new User("warm-up", null, List.of(), Map.of(), List.of("otp"), 0),
                new Assessment("NewDevice", Confidence.MEDIUM, "warm_up", null)),
                new RuleBudget(Duration.ofMinutes(1), RuleBudget.DEFAULT.firings()));
    }

    public Future<Evaluation> decide(EffectivePolicy policy, DecisionInput input) {
        long deadline = System.nanoTime() + budget.time().toNanos();
        return workers.executeBlocking(() -> {
            // Answered for already (it waited for a thread past its budget): do not run it at all.
            if (System.nanoTime() - deadline > 0) return null;
            return Decider.decide(policy, input, budget);
        }, false).timeout(budget.time().toMillis(), TimeUnit.MILLISECONDS).transform(done -> {
            if (done.succeeded() && done.result() != null) return Future.succeededFuture(done.result());
            return Future.succeededFuture(Decider.failedClosed(policy, input, "the rules of "
                    + (policy.ownRules() == null ? "the baseline" : "org " + policy.org())
                    + " did not finish within " + budget.time().toMillis() + " ms"));
        });
    }

    @Override
    public void close() {
        workers.close();
    }
}
