package dev.amfa.cli;

import dev.amfa.engine.FiredRule;
import dev.amfa.engine.RuleCompilationException;
import dev.amfa.evaluation.Decider;
import dev.amfa.evaluation.DecisionInput;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.evaluation.EvaluationJson;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Device;
import dev.amfa.policy.Baseline;
import dev.amfa.policy.EffectivePolicy;
import dev.amfa.policy.PolicyBuilder;
import dev.amfa.policy.PolicySources;
import dev.amfa.policy.PolicyFileException;
import dev.amfa.policy.PolicyRegistry;
import dev.amfa.policy.PolicyRejectedException;
import dev.amfa.policy.PolicyTestCase;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code amfa eval}: one decision from a file, without a running service. The input is a policy test case
 * ("request", optional "assume", "geo", "recent_failures"; "expect" may be left out), so a failing test can
 * be explained by running its case.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Decide one login from a JSON file (the policy test case format) and print the decision.")
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    PolicyDirs dirs;

    @Option(names = "--input", required = true, description = "The case: {\"request\": {...}, \"assume\": {...}}.")
    Path input;

    @Option(names = "--explain", description = "Print every rule that fired, in order, with the facts it matched.")
    boolean explain;

    @Override
    public Integer call() throws IOException {
        if (dirs.org == null) {
            System.err.println("amfa eval: --org is required");
            return 2;
        }
        // The org's tests are not run: eval is how a failing test gets explained.
        EffectivePolicy policy;
        try {
            Baseline baseline = Baseline.load(dirs.rules());
            PolicySources sources = PolicyRegistry.readPolicies(dirs.policies()).get(dirs.org);
            policy = sources == null ? EffectivePolicy.of(baseline, dirs.org, null)
                    : PolicyBuilder.effective(PolicyBuilder.compile(sources, "disk"), baseline);
        } catch (RuleCompilationException | PolicyRejectedException e) {
            System.err.println("amfa eval: " + e.getMessage());
            return 1;
        }
        JsonObject caseJson = new JsonObject(Files.readString(input));
        caseJson.put("name", caseJson.getValue("name", input.getFileName().toString()));
        caseJson.put("expect", caseJson.getValue("expect", new JsonObject().put("action", "allow")));
        PolicyTestCase c;
        try {
            c = PolicyTestCase.parseFile(dirs.org, input.toString(), caseJson.encode()).get(0);
        } catch (PolicyFileException e) {
            System.err.println("amfa eval: " + e.getMessage());
            return 2;
        }
        List<Assessment> assessments = new ArrayList<>(c.assumed());
        assessments.addAll(c.request().reportedSignals());
        Device device = new Device(c.request().deviceId(), c.request().fingerprint(), c.request().userAgent(), null, null);
        Evaluation evaluation = Decider.decide(policy, new DecisionInput("eval", c.request(), device, c.place(),
                assessments, c.recentFailures()));
        JsonObject decision = EvaluationJson.of(evaluation, false);
        decision.remove("explanation");
        System.out.println(decision.encodePrettily());
        if (explain) {
            System.out.println();
            System.out.println("Rules fired, in order (policy " + evaluation.result().policyVersion() + "):");
            int n = 1;
            for (FiredRule rule : evaluation.result().fired()) {
                System.out.println(String.format("%3d. [%s] %s", n++, rule.ruleSet(), rule.rule()));
                rule.facts().forEach(fact -> System.out.println("       matched " + fact));
            }
        }
        return 0;
    }
}
