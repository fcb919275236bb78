package dev.amfa.engine;

import java.time.Duration;

/**
 * How much one evaluation may spend in the rules: a time and a number of rule firings, checked before each
 * firing. Rules that keep re-activating each other (an insert or a modify that matches again) are stopped here,
 * on the thread that runs them; code inside one consequence cannot loop (RuleSandbox), and a caller that must
 * not wait longer than the time also waits for the run with a timeout (evaluation/RuleRunner).
 *
 * @param time    from the start of the evaluation, baseline and org rules together. A warm evaluation takes well
 *                under a millisecond, but the first one in a fresh JVM loads Drools' classes: it took more than
 *                500 ms on a busy 2-core machine, hence 2 s by default
 * @param firings rule firings per evaluation; the shipped policies fire fewer than 30
 */
public record RuleBudget(Duration time, int firings) {
    public static final RuleBudget DEFAULT = new RuleBudget(Duration.ofSeconds(2), 10_000);

    public RuleBudget {
        if (time.isNegative() || time.isZero()) throw new IllegalArgumentException("the rules' time budget must be positive");
        if (firings < 1) throw new IllegalArgumentException("the rules' firing budget must be at least 1");
    }
}
