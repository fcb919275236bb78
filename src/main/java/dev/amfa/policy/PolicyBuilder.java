package dev.amfa.policy;

import dev.amfa.engine.CompileError;
import dev.amfa.engine.RuleCompilationException;
import dev.amfa.engine.RuleCompiler;
import dev.amfa.engine.RuleSet;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an org's files into a policy that may be activated: settings parse, DRL compiles, thresholds apply
 * to the baseline, and every test case passes. Anything less is a {@link PolicyRejectedException} that says
 * exactly why, and nothing is activated. Blocking (compiles DRL): call off the event loop.
 */
public final class PolicyBuilder {
    private PolicyBuilder() {
    }

    public static OrgPolicy build(PolicySources sources, Baseline baseline, String origin) throws PolicyRejectedException {
        String org = sources.org();
        List<CompileError> errors = new ArrayList<>();
        String settingsFile = org + "/" + OrgSettings.FILE_NAME;
        OrgSettings settings = OrgSettings.DEFAULT;
        if (sources.settings() != null) {
            try {
                settings = OrgSettings.parse(settingsFile, new JsonObject(sources.settings()));
            } catch (DecodeException e) {
                errors.add(new CompileError(settingsFile, 0, 0, "not a JSON object: " + e.getMessage()));
            } catch (PolicyFileException e) {
                errors.add(new CompileError(settingsFile, 0, 0, fieldMessage(e)));
            }
        }
        RuleSet rules = null;
        if (!sources.rules().isEmpty()) {
            try {
                rules = RuleCompiler.compile(org, sources.rules());
            } catch (RuleCompilationException e) {
                errors.addAll(e.errors());
            }
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
        OrgPolicy candidate = new OrgPolicy(org, sources, settings, rules, List.copyOf(tests), origin);
        verify(candidate, baseline);
        return candidate;
    }

    /** Runs the policy's tests against a baseline: on a new baseline every org's tests must still pass. */
    public static void verify(OrgPolicy policy, Baseline baseline) throws PolicyRejectedException {
        EffectivePolicy effective;
        try {
            effective = EffectivePolicy.of(baseline, policy.org(), policy);
        } catch (IllegalArgumentException e) {
            throw new PolicyRejectedException(policy.org(), List.of(new CompileError(
                    policy.org() + "/" + OrgSettings.FILE_NAME, 0, 0, "thresholds: " + e.getMessage())), List.of());
        }
        List<PolicyTestResult> failed = PolicyTests.run(effective, policy.tests()).stream()
                .filter(r -> !r.passed()).toList();
        if (!failed.isEmpty()) throw new PolicyRejectedException(policy.org(), List.of(), failed);
    }

    private static String fieldMessage(PolicyFileException e) {
        String message = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
        return e.field() == null ? message : e.field() + ": " + message;
    }
}
