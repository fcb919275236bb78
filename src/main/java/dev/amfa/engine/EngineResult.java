package dev.amfa.engine;

import dev.amfa.facts.Decision;

import java.util.List;

/** What the rules decided, which fired (in order), and the policy version they ran under. */
public record EngineResult(Decision decision, List<FiredRule> fired, String policyVersion) {

    public List<String> reasons() {
        return fired.stream().map(FiredRule::rule).toList();
    }
}
