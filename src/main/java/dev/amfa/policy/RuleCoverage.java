package dev.amfa.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of an org's own rules fired in at least one of its test cases ({@code amfa test --coverage}, as
 * {@code opa test --coverage} for Rego). A rule no case fires is a rule nothing checks: the next edit may
 * break it, or it may never match at all.
 *
 * @param rules   every rule of the org, name to file
 * @param covered the names that fired in some case
 */
public record RuleCoverage(String org, Map<String, String> rules, Set<String> covered) {

    public static RuleCoverage of(OrgPolicy policy, List<PolicyTestResult> results) {
        Map<String, String> rules = policy.rules() == null ? Map.of() : policy.rules().ruleFiles();
        Set<String> covered = new TreeSet<>();
        for (PolicyTestResult result : results) {
            for (String fired : result.fired()) if (rules.containsKey(fired)) covered.add(fired);
        }
        return new RuleCoverage(policy.org(), rules, covered);
    }

    public List<String> uncovered() {
        return rules.keySet().stream().filter(rule -> !covered.contains(rule)).toList();
    }

    public boolean complete() {
        return covered.size() == rules.size();
    }

    /** "bank: 14 of 15 rules covered (93%)". */
    public String summary() {
        long percent = rules.isEmpty() ? 100 : Math.round(100.0 * covered.size() / rules.size());
        return org + ": " + covered.size() + " of " + rules.size() + " rules covered (" + percent + "%)";
    }

    /** One line per rule, by file, then the summary. */
    public String report() {
        StringBuilder text = new StringBuilder();
        rules.entrySet().stream().sorted(Map.Entry.<String, String>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(rule -> text.append(covered.contains(rule.getKey()) ? "  covered     " : "  NOT COVERED ")
                        .append(rule.getValue()).append(": ").append(rule.getKey()).append('\n'));
        return text.append(summary()).toString();
    }
}
