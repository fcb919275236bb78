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

    /** Every rule's name, sorted, with the file it is in (coverage). */
    public java.util.SortedMap<String, String> ruleFiles() {
        java.util.SortedMap<String, String> byName = new java.util.TreeMap<>();
        for (var pkg : kieBase.getKiePackages()) {
            for (var rule : pkg.getRules()) {
                var resource = rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl ? impl.getResource() : null;
                byName.put(rule.getName(), resource == null ? "?" : resource.getSourcePath());
            }
        }
        return byName;
    }

    public RuleSet(String name, String version, KieBase kieBase, List<String> files, int ruleCount, boolean declaresDecision) {
        this(name, version, kieBase, files, ruleCount, declaresDecision,
                ruleCount >= ReusedSessions.FROM_RULES ? new ReusedSessions(kieBase, declaresDecision) : null);
    }
}
