package dev.amfa.policy;

import java.util.Map;
import java.util.TreeMap;

/** The policies in force: an immutable snapshot, swapped as a whole so an evaluation never sees half a reload. */
public record PolicySet(Baseline baseline, Map<String, EffectivePolicy> orgs) {

    public PolicySet {
        orgs = Map.copyOf(orgs);
    }

    /** Derives every org's effective policy against this baseline. */
    public static PolicySet of(Baseline baseline, Map<String, OrgPolicy> policies) {
        Map<String, EffectivePolicy> orgs = new TreeMap<>();
        policies.forEach((org, policy) -> orgs.put(org, EffectivePolicy.of(baseline, org, policy)));
        return new PolicySet(baseline, orgs);
    }

    /** The org's policy; an org without one runs the baseline with default settings. */
    public EffectivePolicy forOrg(String org) {
        EffectivePolicy own = orgs.get(org);
        return own != null ? own : EffectivePolicy.of(baseline, org, null);
    }

    public Map<String, OrgPolicy> ownPolicies() {
        Map<String, OrgPolicy> own = new TreeMap<>();
        orgs.forEach((org, policy) -> own.put(org, policy.own()));
        return own;
    }
}
