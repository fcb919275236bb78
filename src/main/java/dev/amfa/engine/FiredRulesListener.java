package dev.amfa.engine;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every rule that fires, in order, with the facts of its match, and stops the run when the evaluation's
 * {@link RuleBudget} is spent: the exception thrown before a firing leaves the session through execute or
 * fireAllRules. One per evaluation: listeners on a shared session would mix concurrent requests. Recording costs
 * a list append per firing; rendering the facts is left for when someone asks for the explanation.
 */
final class FiredRulesListener extends DefaultAgendaEventListener {
    private final List<FiredRule> fired;
    private final long deadline;
    private final int maxFirings;
    private int firings;
    private String ruleSet;

    FiredRulesListener(List<FiredRule> sink, long deadlineNanos, int maxFirings) {
        this.fired = sink;
        this.deadline = deadlineNanos;
        this.maxFirings = maxFirings;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        if (++firings > maxFirings) throw new BudgetSpent("fired more than " + maxFirings + " rules");
        // One clock read per firing: nanoTime costs tens of nanoseconds, a firing microseconds.
        if (System.nanoTime() - deadline > 0) throw new BudgetSpent("ran out of time");
    }

    /** Thrown from inside the session to end its run; PolicyEngine turns it into a RuleSetFailedException. */
    static final class BudgetSpent extends RuntimeException {
        BudgetSpent(String what) {
            super(what, null, false, false);
        }
    }

    void ruleSet(String name) {
        this.ruleSet = name;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        fired.add(new FiredRule(ruleSet, event.getMatch().getRule().getName(),
                new ArrayList<>(event.getMatch().getObjects())));
    }
}
