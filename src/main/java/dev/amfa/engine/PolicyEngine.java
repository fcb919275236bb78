package dev.amfa.engine;

import dev.amfa.facts.Decision;
import org.kie.api.runtime.StatelessKieSession;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one evaluation through the baseline rules, then through the org's own policy. Each org has its own
 * KieBase, so the cost of an evaluation does not grow with the number of orgs loaded. Evaluations read the
 * current {@link Policies} once and finish on it, whatever is swapped in meanwhile.
 */
public final class PolicyEngine {
    private final AtomicReference<Policies> current;

    public PolicyEngine(Policies initial) {
        this.current = new AtomicReference<>(initial);
    }

    public Policies policies() {
        return current.get();
    }

    /** Makes new policies active for every evaluation that starts from now on. */
    public void activate(Policies policies) {
        current.set(policies);
    }

    /**
     * @param facts every fact of the login (context, user, device, geo, assessments); the org's policy also
     *              sees the baseline's concluded {@code Risk}
     */
    public EngineResult evaluate(String org, Decision decision, List<Object> facts) {
        Policies policies = current.get();
        List<FiredRule> fired = new ArrayList<>();
        FiredRulesListener listener = new FiredRulesListener(fired);
        run(policies.baseline(), decision, facts, listener);
        RuleSet own = policies.orgs().get(org);
        if (own != null) {
            List<Object> orgFacts = new ArrayList<>(facts.size() + 1);
            orgFacts.addAll(facts);
            orgFacts.add(decision.risk());
            run(own, decision, orgFacts, listener);
        }
        return new EngineResult(decision, fired, policies.version(org));
    }

    private static void run(RuleSet rules, Decision decision, List<Object> facts, FiredRulesListener listener) {
        // A new stateless session per run is a cheap wrapper; its global and listener belong to this request only.
        StatelessKieSession session = rules.kieBase().newStatelessKieSession();
        if (rules.declaresDecision()) session.setGlobal(RuleCompiler.DECISION_GLOBAL, decision);
        listener.ruleSet(rules.name());
        session.addEventListener(listener);
        session.execute(facts);
    }
}
