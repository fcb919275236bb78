package dev.amfa.engine;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every rule that fires, in order, with the facts of its match. One per evaluation: listeners on a
 * shared session would mix concurrent requests. Recording costs a list append per firing; rendering the
 * facts is left for when someone asks for the explanation.
 */
final class FiredRulesListener extends DefaultAgendaEventListener {
    private final List<FiredRule> fired;
    private String ruleSet;

    FiredRulesListener(List<FiredRule> sink) {
        this.fired = sink;
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
