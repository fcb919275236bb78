package dev.amfa.cli;

import dev.amfa.engine.RuleBudget;
import dev.amfa.ip.Cidr;
import dev.amfa.policy.SandboxSettings;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** serve's options for what org policies may spend and reach. */
final class SandboxOptions {
    @Option(names = "--rules-budget-ms", defaultValue = "${env:AMFA_RULES_BUDGET_MS:-2000}",
            description = "Time one evaluation's rules may take; past it the login is challenged (AMFA_RULES_BUDGET_MS).")
    long rulesBudgetMs;

    @Option(names = "--rules-max-firings", defaultValue = "${env:AMFA_RULES_MAX_FIRINGS:-10000}",
            description = "Rule firings one evaluation may take; past it the login is challenged (AMFA_RULES_MAX_FIRINGS).")
    int rulesMaxFirings;

    @Option(names = "--rules-threads", defaultValue = "${env:AMFA_RULES_THREADS:-0}",
            description = "Worker threads that run rules; 0: the number of cores, at least 2 (AMFA_RULES_THREADS).")
    int rulesThreads;

    @Option(names = "--external-risk-allow", defaultValue = "${env:AMFA_EXTERNAL_RISK_ALLOW:-}",
            description = "CIDRs an org's external_risk.url may reach although internal, comma-separated (AMFA_EXTERNAL_RISK_ALLOW).")
    String externalRiskAllow;

    /** @throws IllegalArgumentException for impossible settings */
    SandboxSettings settings() {
        List<Cidr> allowed = Arrays.stream(externalRiskAllow.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(text -> {
                    try {
                        return Cidr.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--external-risk-allow: " + e.getMessage());
                    }
                }).toList();
        if (rulesBudgetMs < 1) throw new IllegalArgumentException("--rules-budget-ms must be at least 1");
        if (rulesMaxFirings < 1) throw new IllegalArgumentException("--rules-max-firings must be at least 1");
        return new SandboxSettings(new RuleBudget(Duration.ofMillis(rulesBudgetMs), rulesMaxFirings),
                rulesThreads > 0 ? rulesThreads : SandboxSettings.DEFAULTS.ruleThreads(), allowed);
    }
}
