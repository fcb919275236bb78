package dev.amfa.policy;

import dev.amfa.engine.RuleSet;

import java.util.List;

/**
 * One org's policy, compiled and tested: what a reload activates as a whole.
 *
 * @param rules  null when the policy has settings but no DRL of its own
 * @param origin where it came from: "disk" (policies/&lt;org&gt;/) or "api" (an upload)
 */
public record OrgPolicy(String org, PolicySources sources, OrgSettings settings, RuleSet rules,
                        List<PolicyTestCase> tests, String origin) {

    public String version() {
        return sources.version();
    }
}
