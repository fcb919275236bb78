package dev.amfa.cli;

import dev.amfa.engine.OrgName;
import dev.amfa.policy.scaffold.PolicyScaffold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code amfa init-policy <org>}: a new org's policy folder that passes its tests from the start. */
@Command(name = "init-policy", mixinStandardHelpOptions = true,
        description = "Write policies/<org>/: policy.json (every setting commented out with its default), one example rule"
                + " and its tests, all passing. Refuses a folder that exists.")
public final class InitPolicyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ORG", description = "The org, as in POST /v1/evaluate \"org\".")
    String org;

    @Option(names = "--policies-dir", defaultValue = "policies", description = "Where org folders are (default: policies).")
    Path policiesDir;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        if (!OrgName.isValid(org)) {
            out.println("FAIL org \"" + org + "\" must be " + OrgName.rule());
            return 2;
        }
        Path folder = policiesDir.resolve(org);
        if (Files.exists(folder)) {
            out.println("FAIL " + folder + " exists; nothing written");
            return 1;
        }
        for (Map.Entry<String, String> file : PolicyScaffold.files(org).entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            out.println("wrote " + path);
        }
        out.println("next: amfa test --org " + org + " --coverage, then edit " + folder.resolve("example.drl"));
        return 0;
    }
}
