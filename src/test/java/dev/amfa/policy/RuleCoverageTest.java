package dev.amfa.policy;

import dev.amfa.policy.scaffold.PolicyScaffold;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule coverage of an org's tests, the setting that requires it at activation, and the scaffold's policy.json. */
class RuleCoverageTest {
    private static final String RULES = """
            package amfa.org.acme;
            import dev.amfa.facts.*;
            global Decision decision;
            rule "Admins: MFA" when User(hasRole("admin")) then decision.challengeAtLeast("otp"); end
            rule "Sanctioned: deny" when Geo(countryIn("KP")) then decision.deny("sanctioned"); end
            """;
    private static final String ADMIN_CASE = """
            {"name": "admin", "request": {"user": {"id": "a", "roles": ["admin"], "enrolled_factors": ["otp"]}},
             "geo": {"country": "DE", "latitude": 52.5, "longitude": 13.4},
             "expect": {"action": "challenge", "rules": ["Admins: MFA"]}}
            """;
    private static final String SANCTIONED_CASE = """
            {"name": "KP", "request": {"user": {"id": "b"}}, "geo": {"country": "KP", "latitude": 39.0, "longitude": 125.7},
             "expect": {"action": "deny"}}
            """;

    private static PolicySources sources(String settings, String... cases) {
        Map<String, String> files = new java.util.HashMap<>(Map.of("rules.drl", RULES));
        if (settings != null) files.put(OrgSettings.FILE_NAME, settings);
        for (int i = 0; i < cases.length; i++) files.put("tests/t" + i + ".json", cases[i]);
        return new PolicySources("acme", files);
    }

    @Test
    void coverageNamesEveryRuleNoCaseFires() throws Exception {
        OrgPolicy policy = PolicyBuilder.compile(sources(null, ADMIN_CASE), "disk");
        RuleCoverage coverage = RuleCoverage.of(policy, PolicyBuilder.test(policy, PolicyFixtures.baseline()));
        assertEquals(List.of("Sanctioned: deny"), coverage.uncovered());
        assertFalse(coverage.complete());
        assertEquals("acme: 1 of 2 rules covered (50%)", coverage.summary());
        assertTrue(coverage.report().contains("  NOT COVERED acme/rules.drl: Sanctioned: deny"), coverage.report());
        assertTrue(coverage.report().contains("  covered     acme/rules.drl: Admins: MFA"), coverage.report());
    }

    @Test
    void requireRuleCoverageRejectsAPolicyWithAnUnfiredRuleAndNothingElse() throws Exception {
        String required = "{\"require_rule_coverage\": true}";
        PolicyRejectedException e = assertThrows(PolicyRejectedException.class,
                () -> PolicyBuilder.build(sources(required, ADMIN_CASE), PolicyFixtures.baseline(), "api"));
        assertEquals(1, e.errors().size(), e.errors().toString());
        assertEquals("acme/rules.drl", e.errors().get(0).file());
        assertTrue(e.errors().get(0).message().contains("rule \"Sanctioned: deny\" is fired by no test case"), e.getMessage());

        assertEquals("acme", PolicyBuilder.build(sources(required, ADMIN_CASE, SANCTIONED_CASE), PolicyFixtures.baseline(), "api").org());
        // Without the setting coverage is reported, never enforced.
        assertEquals("acme", PolicyBuilder.build(sources(null, ADMIN_CASE), PolicyFixtures.baseline(), "api").org());
    }

    @Test
    void policyJsonMayHoldLineComments() throws Exception {
        OrgSettings settings = OrgSettings.parse("acme/policy.json", """
                // the org's settings
                {
                  "time_zone": "Europe/Berlin", // not "http://x" // this neither
                  // "mode": "off",
                  "home_countries": ["DE"]
                }
                """);
        assertEquals("Europe/Berlin", settings.timeZone().getId());
        assertEquals(PolicyMode.ADAPTIVE, settings.mode());
        assertEquals(java.util.Set.of("DE"), settings.homeCountries());
        // "//" inside a string is text, not a comment.
        assertEquals("https://risk.example/v1", OrgSettings.parse("acme/policy.json",
                "{\"external_risk\": {\"url\": \"https://risk.example/v1\", \"timeout_ms\": 100, \"cache_seconds\": 0}}")
                .externalRisk().url().toString());
    }

    @Test
    void everySettingOfTheScaffoldParsesWhenUncommented() throws Exception {
        String scaffold = PolicyScaffold.files("acme").get(OrgSettings.FILE_NAME);
        List<String> lines = scaffold.lines().toList();
        OrgSettings asWritten = OrgSettings.parse("acme/policy.json", scaffold);
        assertTrue(asWritten.requireRuleCoverage());
        int settings = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().startsWith("// \"")) continue;
            settings++;
            List<String> uncommented = new java.util.ArrayList<>(lines);
            uncommented.set(i, lines.get(i).replaceFirst("// ", ""));
            OrgSettings parsed = OrgSettings.parse("acme/policy.json", String.join("\n", uncommented));
            assertTrue(parsed.requireRuleCoverage(), lines.get(i));
        }
        assertEquals(9, settings, "every setting but require_rule_coverage is there, commented out:\n" + scaffold);
        // Each commented default is the default: uncommenting all of them but external_risk changes nothing.
        String defaults = String.join("\n", lines.stream()
                .map(l -> l.strip().startsWith("// \"") && !l.contains("external_risk") ? l.replaceFirst("// ", "") : l).toList());
        OrgSettings parsed = OrgSettings.parse("acme/policy.json", defaults);
        assertEquals(OrgSettings.DEFAULT.mode(), parsed.mode());
        assertEquals(OrgSettings.DEFAULT.factors(), parsed.factors());
        assertEquals(OrgSettings.DEFAULT.timeZone(), parsed.timeZone());
        assertEquals(OrgSettings.DEFAULT.rolloutPercent(), parsed.rolloutPercent());
    }
}
