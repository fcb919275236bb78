package dev.amfa.policy;

import dev.amfa.evaluation.Decider;
import dev.amfa.evaluation.DecisionInput;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Decision;
import dev.amfa.facts.Device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Runs an org's test cases against a policy, through the same {@link Decider} as live traffic. Each case runs
 * within the rules' budget, and the whole run within {@link #RUN_BUDGET}: cases left when it is spent fail
 * unrun, so a policy whose rules are slow is rejected in bounded time instead of occupying a worker.
 */
public final class PolicyTests {
    /** A run of hundreds of cases takes well under a second; a policy that needs more is refused. */
    static final Duration RUN_BUDGET = Duration.ofSeconds(10);

    private PolicyTests() {
    }

    public static List<PolicyTestResult> run(EffectivePolicy policy, List<PolicyTestCase> cases) {
        long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
        List<PolicyTestResult> results = new ArrayList<>(cases.size());
        for (PolicyTestCase c : cases) {
            if (System.nanoTime() - deadline > 0) {
                results.add(new PolicyTestResult(c.file(), c.name(), List.of("not run: the tests took more than their "
                        + RUN_BUDGET.toSeconds() + " s budget"), List.of()));
            } else {
                results.add(run(policy, c));
            }
        }
        return results;
    }

    public static PolicyTestResult run(EffectivePolicy policy, PolicyTestCase c) {
        var request = c.request();
        Device device = new Device(request.deviceId(), request.fingerprint(), request.userAgent(), null, null);
        List<Assessment> assessments = new ArrayList<>(c.assumed());
        assessments.addAll(request.reportedSignals());
        Evaluation evaluation = Decider.decide(policy, new DecisionInput("test:" + c.name(), request, device,
                c.place(), assessments, c.recentFailures()));
        Decision decision = evaluation.result().decision();
        List<String> fired = List.copyOf(new LinkedHashSet<>(evaluation.result().reasons()));
        PolicyTestCase.Expectation expect = c.expect();
        List<String> differences = new ArrayList<>();
        String action = evaluation.enforced() ? decision.action().json() : "allow";
        compare(differences, "action", expect.action(), action);
        if (expect.decided() != null) compare(differences, "decided", expect.decided(), decision.action().json());
        if (expect.factors() != null) compare(differences, "factors", expect.factors(), decision.factors());
        if (expect.enroll() != null) compare(differences, "enroll", expect.enroll(), decision.enroll());
        if (expect.evaluated() != null) compare(differences, "evaluated", expect.evaluated(), decision.isEvaluated());
        for (String factor : expect.absentFactors()) {
            if (decision.factors().contains(factor)) differences.add("factor \"" + factor + "\" was offered and should not have been");
        }
        for (String rule : expect.rules()) {
            if (!fired.contains(rule)) differences.add("rule \"" + rule + "\" should have fired and did not");
        }
        for (String rule : expect.absentRules()) {
            if (fired.contains(rule)) differences.add("rule \"" + rule + "\" fired and should not have");
        }
        return new PolicyTestResult(c.file(), c.name(), differences, fired);
    }

    private static void compare(List<String> differences, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) differences.add(what + ": expected " + expected + ", got " + actual);
    }
}
