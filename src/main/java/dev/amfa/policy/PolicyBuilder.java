package dev.amfa.policy;

import dev.amfa.engine.CompileError;
import dev.amfa.engine.RuleCompilationException;
import dev.amfa.engine.RuleCompiler;
import dev.amfa.engine.RuleSet;
import dev.amfa.policy.lint.LintFinding;
import dev.amfa.policy.lint.PolicyLint;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an org's files into a policy that may be activated: settings parse, DRL compiles, thresholds apply
 * to the baseline, and every test case passes. Anything less is a {@link PolicyRejectedException} that says
 * exactly why, and nothing is activated. Blocking (compiles DRL): call off the event loop.
 */
public final class PolicyBuilder {
    private PolicyBuilder() {
    }

    public static OrgPolicy build(PolicySources sources, Baseline baseline, String origin) throws PolicyRejectedException {
        return build(sources, baseline, origin, ExternalRiskTargets.NONE_INTERNAL);
    }

    /** @param targets where an external_risk.url may point */
    public static OrgPolicy build(PolicySources sources, Baseline baseline, String origin, ExternalRiskTargets targets)
            throws PolicyRejectedException {
        OrgPolicy candidate = compile(sources, origin, targets);
        verify(candidate, baseline);
        return candidate;
    }

    /** Parses and compiles, without running the tests (amfa check). */
    public static OrgPolicy compile(PolicySources sources, String origin) throws PolicyRejectedException {
        return compile(sources, origin, ExternalRiskTargets.NONE_INTERNAL);
    }

    public static OrgPolicy compile(PolicySources sources, String origin, ExternalRiskTargets targets)
            throws PolicyRejectedException {
        String org = sources.org();
        List<CompileError> errors = new ArrayList<>();
        String settingsFile = org + "/" + OrgSettings.FILE_NAME;
        OrgSettings settings = OrgSettings.DEFAULT;
        if (sources.settings() != null) {
            try {
                settings = OrgSettings.parse(settingsFile, sources.settings());
            } catch (DecodeException e) {
                errors.add(new CompileError(settingsFile, 0, 0, "not a JSON object: " + e.getMessage()));
            } catch (PolicyFileException e) {
                errors.add(new CompileError(settingsFile, 0, 0, fieldMessage(e)));
            }
            String refused = settings.externalRisk() == null ? null : targets.refusal(settings.externalRisk().url());
            if (refused != null) errors.add(new CompileError(settingsFile, 0, 0, "external_risk.url: " + refused));
        }
        RuleSet rules = null;
        if (!sources.rules().isEmpty()) {
            try {
                rules = RuleCompiler.compile(org, sources.rules());
            } catch (RuleCompilationException e) {
                errors.addAll(e.errors());
            }
        }
        // Lint errors (a factor that is not a factor, a helper given the wrong arguments, a rule name used
        // twice) block activation like compile errors; warnings are amfa check's to print.
        for (LintFinding finding : PolicyLint.check(sources, settings, Set.of())) {
            if (finding.isError()) errors.add(new CompileError(finding.file(), finding.line(), 0, finding.message()));
        }
        List<PolicyTestCase> tests = new ArrayList<>();
        for (Map.Entry<String, String> file : sources.tests().entrySet()) {
            try {
                tests.addAll(PolicyTestCase.parseFile(org, file.getKey(), file.getValue()));
            } catch (PolicyFileException e) {
                errors.add(new CompileError(file.getKey(), 0, 0, fieldMessage(e)));
            }
        }
        if (!errors.isEmpty()) throw new PolicyRejectedException(org, errors, List.of());
        return new OrgPolicy(org, sources, settings, rules, List.copyOf(tests), origin);
    }

    /** Runs the policy's tests against a baseline: on a new baseline every org's tests must still pass. */
    public static void verify(OrgPolicy policy, Baseline baseline) throws PolicyRejectedException {
        List<PolicyTestResult> results = test(policy, baseline);
        List<PolicyTestResult> failed = results.stream().filter(r -> !r.passed()).toList();
        if (!failed.isEmpty()) throw new PolicyRejectedException(policy.org(), List.of(), failed);
        List<CompileError> uncovered = uncoveredRules(policy, results);
        if (!uncovered.isEmpty()) throw new PolicyRejectedException(policy.org(), uncovered, List.of());
    }

    /** With policy.json "require_rule_coverage": one error per rule no test case fires; else none. */
    public static List<CompileError> uncoveredRules(OrgPolicy policy, List<PolicyTestResult> results) {
        if (!policy.settings().requireRuleCoverage()) return List.of();
        RuleCoverage coverage = RuleCoverage.of(policy, results);
        return coverage.uncovered().stream().map(rule -> new CompileError(coverage.rules().get(rule), 0, 0, "rule \""
                + rule + "\" is fired by no test case, and policy.json sets require_rule_coverage")).toList();
    }

    /** Every test case's result, passed or not (amfa test). */
    public static List<PolicyTestResult> test(OrgPolicy policy, Baseline baseline) throws PolicyRejectedException {
        return PolicyTests.run(effective(policy, baseline), policy.tests());
    }

    public static EffectivePolicy effective(OrgPolicy policy, Baseline baseline) throws PolicyRejectedException {
        try {
            return EffectivePolicy.of(baseline, policy.org(), policy);
        } catch (IllegalArgumentException e) {
            throw new PolicyRejectedException(policy.org(), List.of(new CompileError(
                    policy.org() + "/" + OrgSettings.FILE_NAME, 0, 0, "thresholds: " + e.getMessage())), List.of());
        }
    }

    private static String fieldMessage(PolicyFileException e) {
        String message = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
        return e.field() == null ? message : e.field() + ": " + message;
    }
}
