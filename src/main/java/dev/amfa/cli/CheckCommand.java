package dev.amfa.cli;

import dev.amfa.policy.Baseline;
import dev.amfa.policy.OrgSettings;
import dev.amfa.policy.PolicyBuilder;
import dev.amfa.policy.PolicyFileException;
import dev.amfa.policy.PolicyRejectedException;
import dev.amfa.policy.PolicySources;
import dev.amfa.policy.lint.LintFinding;
import dev.amfa.policy.lint.PolicyLint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code amfa check}: compiles the baseline and every org's policy, reporting each error by file and line,
 * and lints each org's rules (policy/lint): errors fail the check (and block activation), warnings do not.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile and lint rules/ and policies/ without running tests; exit 1 on any error (warnings do not fail).")
public final class CheckCommand implements Callable<Integer> {
    @Mixin
    PolicyDirs dirs;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        Baseline baseline = dirs.baseline(out);
        if (baseline == null) return 1;
        out.println("ok   baseline " + baseline.version() + " (" + baseline.rules().ruleCount() + " rules)");
        Set<String> baselineRules = baseline.rules().ruleFiles().keySet();
        int failed = 0;
        for (PolicySources sources : dirs.selectedPolicies()) {
            List<LintFinding> findings = PolicyLint.check(sources, settings(sources), baselineRules);
            try {
                var policy = PolicyBuilder.compile(sources, "disk");
                PolicyBuilder.effective(policy, baseline);
                out.println("ok   " + sources.org() + " " + policy.version() + " ("
                        + (policy.rules() == null ? 0 : policy.rules().ruleCount()) + " rules, "
                        + policy.tests().size() + " tests)");
            } catch (PolicyRejectedException e) {
                failed++;
                // Lint errors are among the rejection's errors; printed once, below, as ERROR lines.
                e.errors().stream().filter(error -> findings.stream().noneMatch(f -> f.isError()
                                && f.file().equals(error.file()) && f.message().equals(error.message())))
                        .forEach(error -> out.println("FAIL " + error));
            }
            findings.forEach(out::println);
        }
        return failed == 0 ? 0 : 1;
    }

    /** The settings the lint compares the rules with; the defaults when policy.json is absent or broken (check reports that). */
    private static OrgSettings settings(PolicySources sources) {
        if (sources.settings() == null) return OrgSettings.DEFAULT;
        try {
            return OrgSettings.parse(sources.org() + "/" + OrgSettings.FILE_NAME, sources.settings());
        } catch (PolicyFileException | RuntimeException e) {
            return OrgSettings.DEFAULT;
        }
    }
}
