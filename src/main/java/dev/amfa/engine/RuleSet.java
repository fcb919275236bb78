package dev.amfa.engine;

import org.kie.api.KieBase;

import java.util.List;

/**
 * A compiled, immutable set of rules: the baseline or one org's policy. {@code version} is a hash of the
 * sources, so the same files always give the same version on every node.
 */
public record RuleSet(String name, String version, KieBase kieBase, List<String> files, int ruleCount,
                      boolean declaresDecision) {
}
