package dev.amfa.engine;

import dev.amfa.facts.Decision;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.List;

/**
 * One stateful session per thread for a large rule set, emptied after every run. A new session per run (what
 * {@link PolicyEngine} does for small rule sets) allocates the node memories of every rule a fact reaches:
 * with hundreds of rules joining shared facts that allocation is most of the cost. A reused session keeps
 * its memories; each run inserts the facts, fires, and deletes every fact again, so no run sees another's.
 * Threads never share a session: the global and the listener belong to the running request.
 */
final class ReusedSessions {
    /** From this many rules on, reusing a session beats creating one (bench/README.md, engine section). */
    static final int FROM_RULES = 100;

    private final KieBase kieBase;
    private final boolean declaresDecision;
    private final ThreadLocal<Reused> perThread;

    ReusedSessions(KieBase kieBase, boolean declaresDecision) {
        this.kieBase = kieBase;
        this.declaresDecision = declaresDecision;
        this.perThread = ThreadLocal.withInitial(this::open);
    }

    /** A session and the listener that forwards its fired rules to the current run. */
    private record Reused(KieSession session, Forwarding listener) {
    }

    private static final class Forwarding extends org.kie.api.event.rule.DefaultAgendaEventListener {
        FiredRulesListener target;

        @Override
        public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
            target.beforeMatchFired(event); // the run's budget
        }

        @Override
        public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent event) {
            target.afterMatchFired(event);
        }
    }

    private Reused open() {
        Forwarding listener = new Forwarding();
        KieSession session = kieBase.newKieSession();
        session.addEventListener(listener);
        return new Reused(session, listener);
    }

    void run(Decision decision, List<Object> facts, FiredRulesListener listener) {
        Reused reused = perThread.get();
        KieSession session = reused.session();
        reused.listener().target = listener;
        boolean clean = false;
        try {
            if (declaresDecision) session.setGlobal(RuleCompiler.DECISION_GLOBAL, decision);
            for (Object fact : facts) session.insert(fact);
            session.fireAllRules();
            // Everything goes, including what the rules inserted themselves.
            for (FactHandle handle : new ArrayList<>(session.<FactHandle>getFactHandles())) session.delete(handle);
            clean = true;
        } finally {
            reused.listener().target = null;
            if (declaresDecision) session.setGlobal(RuleCompiler.DECISION_GLOBAL, null);
            if (!clean) {
                // A run that failed half-way may have left facts or activations behind: never reuse that session.
                perThread.remove();
                session.dispose();
            }
        }
    }
}
