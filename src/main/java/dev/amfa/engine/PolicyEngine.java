package dev.amfa.engine;

import dev.amfa.facts.Decision;
import org.kie.api.runtime.StatelessKieSession;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one evaluation through the baseline rules, then through the org's own rule set. Each org has its own
 * KieBase, so the cost of an evaluation does not grow with the number of orgs loaded. Stateless: callers pass
 * the rule sets of one policy snapshot, so an evaluation finishes on the version it started with.
 */
public final class PolicyEngine {
    private PolicyEngine() {
    }

    /**
     * @param own   the org's rule set, or null for an org with none
     * @param facts every fact of the login; the org's rules also see the baseline's concluded {@code Risk}
     */
    public static EngineResult evaluate(RuleSet baseline, RuleSet own, String version, Decision decision,
                                        List<Object> facts) {
        return evaluate(baseline, own, version, decision, facts, RuleBudget.DEFAULT);
    }

    /**
     * @throws RuleSetFailedException when a rule throws anything, an Error included, or the budget is spent:
     *                                naming the rule set, so the caller can fail closed and say which
     */
    public static EngineResult evaluate(RuleSet baseline, RuleSet own, String version, Decision decision,
                                        List<Object> facts, RuleBudget budget) {
        List<FiredRule> fired = new ArrayList<>();
        FiredRulesListener listener = new FiredRulesListener(fired, System.nanoTime() + budget.time().toNanos(),
                budget.firings());
        run(baseline, decision, facts, listener);
        if (own != null) {
            List<Object> orgFacts = new ArrayList<>(facts.size() + 1);
            orgFacts.addAll(facts);
            orgFacts.add(decision.risk());
            run(own, decision, orgFacts, listener);
        }
        return new EngineResult(decision, fired, version);
    }

    private static void run(RuleSet rules, Decision decision, List<Object> facts, FiredRulesListener listener) {
        try {
            runUnguarded(rules, decision, facts, listener);
        } catch (RuntimeException | Error e) {
            // Drools wraps what a consequence throws; the budget's own exception may be the cause of the wrapper.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof FiredRulesListener.BudgetSpent spent) {
                    throw new RuleSetFailedException(rules.name(), spent.getMessage(), e);
                }
            }
            throw new RuleSetFailedException(rules.name(), "failed", e);
        }
    }

    private static void runUnguarded(RuleSet rules, Decision decision, List<Object> facts, FiredRulesListener listener) {
        listener.ruleSet(rules.name());
        if (rules.reused() != null) {
            rules.reused().run(decision, facts, listener);
            return;
        }
        // A new stateless session per run is a cheap wrapper; its global and listener belong to this request only.
        StatelessKieSession session = rules.kieBase().newStatelessKieSession();
        if (rules.declaresDecision()) session.setGlobal(RuleCompiler.DECISION_GLOBAL, decision);
        session.addEventListener(listener);
        session.execute(facts);
    }
}
