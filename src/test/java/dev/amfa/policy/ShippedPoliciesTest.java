package dev.amfa.policy;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shipped example policy compiles and passes its own tests, case by case. */
class ShippedPoliciesTest {
    private static final Path RULES = Path.of("rules");
    private static final Path POLICIES = Path.of("policies");

    @TestFactory
    List<DynamicTest> everyShippedTestCasePasses() throws Exception {
        Baseline baseline = Baseline.load(RULES);
        List<DynamicTest> tests = new ArrayList<>();
        for (PolicySources sources : PolicyRegistry.readPolicies(POLICIES).values()) {
            OrgPolicy policy = PolicyBuilder.compile(sources, "disk");
            for (PolicyTestResult result : PolicyBuilder.test(policy, baseline)) {
                tests.add(DynamicTest.dynamicTest(result.file() + ": " + result.name(),
                        () -> assertTrue(result.passed(), result.toString())));
            }
        }
        return tests;
    }

    @Test
    void theShippedExamplesAreTheOnesTheReadmePromises() throws Exception {
        Map<String, PolicySources> shipped = PolicyRegistry.readPolicies(POLICIES);
        assertEquals(List.of("admin-portal", "bank", "consumer-app"), List.copyOf(shipped.keySet()));
        PolicyRegistry registry = PolicyRegistry.load(RULES, POLICIES, Clock.systemUTC());
        for (String org : shipped.keySet()) {
            OrgPolicy policy = registry.current().orgs().get(org).own();
            assertTrue(policy.tests().size() >= 8, org + " has only " + policy.tests().size() + " test cases");
            assertTrue(policy.rules() != null && policy.rules().ruleCount() > 0, org + " has no rules");
        }
    }

    @Test
    void everyShippedRuleIsFiredByATestAndTheSettingSaysSo() throws Exception {
        Baseline baseline = Baseline.load(RULES);
        for (PolicySources sources : PolicyRegistry.readPolicies(POLICIES).values()) {
            OrgPolicy policy = PolicyBuilder.compile(sources, "disk");
            RuleCoverage coverage = RuleCoverage.of(policy, PolicyBuilder.test(policy, baseline));
            assertTrue(coverage.complete(), coverage.report());
            assertTrue(policy.settings().requireRuleCoverage(), sources.org() + " should keep it that way");
        }
    }

    @Test
    void theShippedPoliciesGiveTheLintNothingToSay() throws Exception {
        Baseline baseline = Baseline.load(RULES);
        for (PolicySources sources : PolicyRegistry.readPolicies(POLICIES).values()) {
            OrgPolicy policy = PolicyBuilder.compile(sources, "disk");
            assertEquals(List.of(), dev.amfa.policy.lint.PolicyLint.check(sources, policy.settings(),
                    baseline.rules().ruleFiles().keySet()), sources.org());
        }
    }
}
