package dev.amfa.cli;

import picocli.CommandLine.Option;

import dev.amfa.engine.RuleCompilationException;
import dev.amfa.policy.Baseline;
import dev.amfa.policy.PolicyRegistry;
import dev.amfa.policy.PolicySources;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Where the policy commands find rules/ and policies/ ({@link PolicyFolders}), and which org they look at. */
final class PolicyDirs extends PolicyFolders {
    @Option(names = "--org", description = "Only this org.")
    String org;

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
