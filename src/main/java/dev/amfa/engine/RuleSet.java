package dev.amfa.engine;

import org.kie.api.KieBase;

import java.util.List;

/**
 * A compiled, immutable set of rules: the baseline or one org's policy. {@code version} is a hash of the
 * sources, so the same files always give the same version on every node.
 *
 * @param reused sessions reused per thread, for rule sets large enough to gain from it; else null
 */
public record RuleSet(String name, String version, KieBase kieBase, List<String> files, int ruleCount,
                      boolean declaresDecision, ReusedSessions reused) {

    public RuleSet(String name, String version, KieBase kieBase, List<String> files, int ruleCount, boolean declaresDecision) {
        this(name, version, kieBase, files, ruleCount, declaresDecision,
                ruleCount >= ReusedSessions.FROM_RULES ? new ReusedSessions(kieBase, declaresDecision) : null);
    }
}
