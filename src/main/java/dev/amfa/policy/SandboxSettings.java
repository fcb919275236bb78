package dev.amfa.policy;

import dev.amfa.engine.RuleBudget;
import dev.amfa.ip.Cidr;

import java.util.List;

/**
 * What org policies may spend and reach (docs/security-sandbox.md).
 *
 * @param rules               each evaluation's time and rule firings
 * @param ruleThreads         worker threads that run rules, off the event loop
 * @param externalRiskAllowed internal networks an org's external_risk.url may reach anyway (serve
 *                            --external-risk-allow); loopback, private, link-local, CGNAT, multicast and
 *                            unspecified addresses are refused otherwise
 */
public record SandboxSettings(RuleBudget rules, int ruleThreads, List<Cidr> externalRiskAllowed) {
    public static final SandboxSettings DEFAULTS = new SandboxSettings(RuleBudget.DEFAULT,
            Math.max(2, Runtime.getRuntime().availableProcessors()), List.of());

    public SandboxSettings {
        if (ruleThreads < 1) throw new IllegalArgumentException("--rules-threads must be at least 1");
        externalRiskAllowed = List.copyOf(externalRiskAllowed);
    }
}
