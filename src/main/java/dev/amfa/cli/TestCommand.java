package dev.amfa.cli;

import dev.amfa.policy.Baseline;
import dev.amfa.policy.OrgPolicy;
import dev.amfa.policy.PolicyBuilder;
import dev.amfa.policy.PolicyRejectedException;
import dev.amfa.policy.PolicySources;
import dev.amfa.policy.PolicyTestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code amfa test}: runs every org's policies/&lt;org&gt;/tests/*.json; exit 1 on any failure, with the differences. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the policy tests of every org (policies/<org>/tests/*.json); exit 1 on a failure.")
public final class TestCommand implements Callable<Integer> {
    @Mixin
    PolicyDirs dirs;

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
        for (PolicySources sources : dirs.selectedPolicies()) {
            try {
                OrgPolicy policy = PolicyBuilder.compile(sources, "disk");
                for (PolicyTestResult result : PolicyBuilder.test(policy, baseline)) {
                    out.println(result);
                    if (result.passed()) passed++; else failed++;
                }
            } catch (PolicyRejectedException e) {
                e.errors().forEach(error -> out.println("FAIL " + error));
                failed++;
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
