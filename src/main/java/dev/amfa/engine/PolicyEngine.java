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
        List<FiredRule> fired = new ArrayList<>();
        FiredRulesListener listener = new FiredRulesListener(fired);
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
