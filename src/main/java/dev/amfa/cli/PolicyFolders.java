package dev.amfa.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** Where a command finds rules/ and policies/: a project folder, or each folder named. */
class PolicyFolders {
    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
            description = "Folder holding rules/ and policies/ (default: the current folder).")
    Path dir;

    @Option(names = "--rules-dir", description = "Baseline rules (default DIR/rules).")
    Path rulesDir;

    @Option(names = "--policies-dir", description = "Org policies (default DIR/policies).")
    Path policiesDir;

    Path rules() {
        return rulesDir != null ? rulesDir : dir.resolve("rules");
    }

    Path policies() {
        return policiesDir != null ? policiesDir : dir.resolve("policies");
    }
}
