package dev.amfa.cli;

import dev.amfa.policy.Baseline;
import dev.amfa.policy.PolicyBuilder;
import dev.amfa.policy.PolicyRejectedException;
import dev.amfa.policy.PolicySources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code amfa check}: compiles the baseline and every org's policy, reporting each error by file and line. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile rules/ and policies/ without running tests; exit 1 on any error.")
public final class CheckCommand implements Callable<Integer> {
    @Mixin
    PolicyDirs dirs;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        Baseline baseline = dirs.baseline(out);
        if (baseline == null) return 1;
        out.println("ok   baseline " + baseline.version() + " (" + baseline.rules().ruleCount() + " rules)");
        int failed = 0;
        for (PolicySources sources : dirs.selectedPolicies()) {
            try {
                var policy = PolicyBuilder.compile(sources, "disk");
                PolicyBuilder.effective(policy, baseline);
                out.println("ok   " + sources.org() + " " + policy.version() + " ("
                        + (policy.rules() == null ? 0 : policy.rules().ruleCount()) + " rules, "
                        + policy.tests().size() + " tests)");
            } catch (PolicyRejectedException e) {
                failed++;
                e.errors().forEach(error -> out.println("FAIL " + error));
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
