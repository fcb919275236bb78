package dev.amfa.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.amfa.engine.RuleCompilationException;
import dev.amfa.policy.Baseline;
import dev.amfa.policy.PolicyRegistry;
import dev.amfa.policy.PolicySources;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Where the policy commands find rules/ and policies/: a project folder, or each folder named. */
final class PolicyDirs {
    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
            description = "Folder holding rules/ and policies/ (default: the current folder).")
    Path dir;

    @Option(names = "--rules-dir", description = "Baseline rules (default DIR/rules).")
    Path rulesDir;

    @Option(names = "--policies-dir", description = "Org policies (default DIR/policies).")
    Path policiesDir;

    @Option(names = "--org", description = "Only this org.")
    String org;

    Path rules() {
        return rulesDir != null ? rulesDir : dir.resolve("rules");
    }

    Path policies() {
        return policiesDir != null ? policiesDir : dir.resolve("policies");
    }

    /** The compiled baseline, or null after printing each of its compile errors. */
    Baseline baseline(PrintStream out) throws IOException {
        try {
            return Baseline.load(rules());
        } catch (RuleCompilationException e) {
            e.errors().forEach(error -> out.println("FAIL " + error));
            return null;
        }
    }

    /** Every org folder, or only the one --org names. */
    List<PolicySources> selectedPolicies() throws IOException {
        return PolicyRegistry.readPolicies(policies()).values().stream().filter(p -> selected(p.org())).toList();
    }

    boolean selected(String name) {
        return org == null || org.equals(name);
    }
}
