package dev.amfa.cli;

import dev.amfa.policy.Baseline;
import dev.amfa.policy.OrgPolicy;
import dev.amfa.policy.PolicyBuilder;
import dev.amfa.policy.PolicyRejectedException;
import dev.amfa.policy.PolicySources;
import dev.amfa.policy.PolicyTestResult;
import dev.amfa.policy.RuleCoverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code amfa test}: runs every org's policies/&lt;org&gt;/tests/*.json; exit 1 on any failure, with the differences. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the policy tests of every org (policies/<org>/tests/*.json); exit 1 on a failure.")
public final class TestCommand implements Callable<Integer> {
    @Mixin
    PolicyDirs dirs;

    @Option(names = "--coverage", description = "Per org, list which rules fired in at least one test case and which never did.")
    boolean coverage;

    @Option(names = "--require-coverage", description = "Fail (exit 1) when a rule of any org is fired by no test case"
            + " (an org's policy.json \"require_rule_coverage\": true does so for that org, also at activation).")
    boolean requireCoverage;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        Baseline baseline = dirs.baseline(out);
        if (baseline == null) {
            out.println("0 passed, 1 failed");
            return 1;
        }
        int passed = 0;
        int failed = 0;
        int uncoveredOrgs = 0;
        StringBuilder coverageReport = new StringBuilder();
        for (PolicySources sources : dirs.selectedPolicies()) {
            try {
                OrgPolicy policy = PolicyBuilder.compile(sources, "disk");
                List<PolicyTestResult> results = PolicyBuilder.test(policy, baseline);
                for (PolicyTestResult result : results) {
                    out.println(result);
                    if (result.passed()) passed++; else failed++;
                }
                RuleCoverage rules = RuleCoverage.of(policy, results);
                if (coverage) coverageReport.append(rules.report()).append('\n');
                if (!rules.complete() && (requireCoverage || policy.settings().requireRuleCoverage())) {
                    uncoveredOrgs++;
                    rules.uncovered().forEach(rule -> out.println("FAIL " + rules.rules().get(rule) + ": rule \"" + rule
                            + "\" is fired by no test case"));
                }
            } catch (PolicyRejectedException e) {
                e.errors().forEach(error -> out.println("FAIL " + error));
                failed++;
            }
        }
        if (coverage) out.print("\nRule coverage:\n" + coverageReport);
        out.println(passed + " passed, " + failed + " failed" + (uncoveredOrgs == 0 ? "" : ", " + uncoveredOrgs
                + " org(s) with rules no test fires"));
        return failed == 0 && uncoveredOrgs == 0 ? 0 : 1;
    }
}
