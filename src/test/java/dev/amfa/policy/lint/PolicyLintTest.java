package dev.amfa.policy.lint;

import dev.amfa.policy.Baseline;
import dev.amfa.policy.OrgSettings;
import dev.amfa.policy.PolicyBuilder;
import dev.amfa.policy.PolicyRejectedException;
import dev.amfa.policy.PolicySources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each lint finding on a small policy, and its near miss that must stay quiet. */
class PolicyLintTest {
    private static final String HEADER = "package amfa.org.acme;\nimport dev.amfa.facts.*;\nglobal Decision decision;\n";

    private static List<LintFinding> lint(String settings, String... drl) throws Exception {
        Map<String, String> files = new HashMap<>();
        if (settings != null) files.put(OrgSettings.FILE_NAME, settings);
        for (int i = 0; i < drl.length; i++) files.put("r" + i + ".drl", HEADER + drl[i]);
        OrgSettings parsed = settings == null ? OrgSettings.DEFAULT : OrgSettings.parse("acme/policy.json", settings);
        return PolicyLint.check(new PolicySources("acme", files), parsed, Set.of("Trusted login: allow"));
    }

    private static String only(List<LintFinding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0).toString();
    }

    @Test
    void aFactorThatIsNotAFactorIsAnErrorWithTheOneMeant() throws Exception {
        String finding = only(lint(null, "rule \"R\" when User() then\n  decision.require(\"webauthn-roamin\", \"otp\");\nend"));
        assertTrue(finding.startsWith("ERROR acme/r0.drl:5: rule \"R\": \"webauthn-roamin\" is not a factor; did you mean \"webauthn-roaming\"?"), finding);
        String enrolled = only(lint(null, "rule \"R\" when User(hasEnrolled(\"totp\")) then decision.allow(\"x\"); end"));
        assertTrue(enrolled.contains("\"totp\" is not a factor"), enrolled);
        assertEquals(List.of(), lint(null, "rule \"R\" when User(hasEnrolled(\"otp\")) then decision.require(\"webauthn-roaming\", \"otp\"); end"));
    }

    @Test
    void aFactorTheOrgDoesNotEnableIsAWarning() throws Exception {
        String finding = only(lint("{\"factors\": [\"otp\"]}", "rule \"R\" when User() then decision.challenge(\"otp\", \"sms\"); end"));
        assertTrue(finding.startsWith("WARN  acme/r0.drl:4: rule \"R\": \"sms\" is never offered"), finding);
    }

    @Test
    void aHelperWithTheWrongArgumentsSaysInPlainWordsWhatItNeeds() throws Exception {
        String settings = "{\"business_hours\": {\"days\": [\"MONDAY\"], \"start\": \"08:00\", \"end\": \"18:00\"}}";
        String finding = only(lint(settings, "rule \"Night\"\nwhen\n    Org(!withinBusinessHours())\nthen\n    decision.challengeAtLeast(\"otp\");\nend"));
        assertEquals("ERROR acme/r0.drl:6: rule \"Night\": `Org.withinBusinessHours` needs the login's time:"
                + " `LoginContext($at : timestamp)` then `Org(!withinBusinessHours($at))` (it was given 0)", finding);
        String unknown = only(lint(null, "rule \"R\" when User(hasRol(\"admin\")) then decision.allow(\"x\"); end"));
        assertTrue(unknown.contains("`User` has no helper `hasRol`; did you mean \"hasRole\"?"), unknown);
        // Near misses: the right call, a varargs helper, a getter, an operator written like a call, a string.
        assertEquals(List.of(), lint(settings, """
                rule "R"
                when
                    LoginContext($at : timestamp, $tx : transaction, flow not in("saml"))
                    Org(!withinBusinessHours($at), getName() == "acme")
                    Geo(countryIn("KP", "IR", "SY"), city != "x(")
                    Transaction(amountOver(1000, "EUR")) from $tx
                then
                    decision.challengeAtLeast("otp");
                end
                """));
        // A function of the org's own DRL is not a helper the fact lacks.
        assertEquals(List.of(), lint(null, "function boolean staff(String id) { return id.startsWith(\"s-\"); }\n"
                + "rule \"R\" when User($id : id, staff($id)) then decision.challengeAtLeast(\"otp\"); end"));
    }

    @Test
    void aSettingARuleReadsButPolicyJsonLacksIsAWarning() throws Exception {
        String rule = "rule \"Abroad\" when Geo($c : country) Org(isAbroad($c)) then decision.challengeAtLeast(\"otp\"); end";
        String finding = only(lint(null, rule));
        assertTrue(finding.contains("reads `Org.isAbroad` but acme/policy.json sets no \"home_countries\""), finding);
        assertEquals(List.of(), lint("{\"home_countries\": [\"DE\"]}", rule));
    }

    @Test
    void aRuleNameUsedTwiceIsAnErrorAndABaselineNameAWarning() throws Exception {
        List<LintFinding> findings = lint(null, "rule \"Same\" when User() then decision.note(\"a\"); end",
                "rule \"Same\" when Geo() then decision.note(\"b\"); end\nrule \"Trusted login: allow\" when Geo() then decision.note(\"c\"); end");
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.get(0).toString().startsWith("ERROR acme/r1.drl:4: rule name \"Same\" is already used at acme/r0.drl:4"), findings.toString());
        assertTrue(findings.get(1).toString().startsWith("WARN  acme/r1.drl:5: rule name \"Trusted login: allow\" is also a baseline rule's"), findings.toString());
    }

    @Test
    void aRequireThatALaterRequireAlwaysOverridesIsAWarning() throws Exception {
        String admins = "rule \"Admins abroad\" salience 5 when User(hasRole(\"admin\")) Geo(country == \"FR\") then decision.require(\"otp\"); end\n";
        String all = "rule \"Admins\" salience -5 when User(hasRole(\"admin\")) then decision.require(\"webauthn-roaming\"); end\n";
        String finding = only(lint(null, admins + all));
        assertTrue(finding.startsWith("WARN  acme/r0.drl:4: the require of rule \"Admins abroad\" is always overridden: rule \"Admins\""), finding);
        // Near misses: the wider rule fires first (its require is the one overridden, which is the point), or
        // requires the same factors.
        assertEquals(List.of(), lint(null, admins.replace("salience 5", "salience -10") + all));
        assertEquals(List.of(), lint(null, admins + all.replace("webauthn-roaming", "otp")));
    }

    @Test
    void aPatternOnATransactionWithoutFromCanNeverFire() throws Exception {
        String finding = only(lint(null, "rule \"Pay\" when Transaction(type == \"payment\") then decision.deny(\"x\"); end"));
        assertTrue(finding.startsWith("WARN  acme/r0.drl:4: rule \"Pay\" can never fire: Transaction is not a fact of its own"), finding);
    }

    @Test
    void aMisspeltBuiltInSignalCanNeverFire() throws Exception {
        String finding = only(lint(null, "rule \"Tor\" when Assessment(signal == \"UntrustedIp\", code == \"found_on_deny_list\") then decision.deny(\"x\"); end"));
        assertTrue(finding.startsWith("WARN  acme/r0.drl:4: rule \"Tor\" matches signal \"UntrustedIp\", which is not a built-in signal;"
                + " did you mean \"UntrustedIP\"?"), finding);
        assertTrue(only(lint(null, "rule \"R\" when Assessment(is(\"NewDevise\", \"no_match\")) then decision.deny(\"x\"); end"))
                .contains("did you mean \"NewDevice\"?"));
        // A caller's own signal and the built-in names as written are fine.
        assertEquals(List.of(), lint(null, "rule \"R\" when Assessment(signal == \"BotCheck\") Assessment(signal == \"UntrustedIP\")"
                + " Assessment(is(\"ExternalRisk\", \"high_risk_score\")) then decision.deny(\"x\"); end"));
    }

    @Test
    void brokenDrlGivesTheLintNothingToTripOn() throws Exception {
        // The compiler reports these; the lint must neither throw nor invent findings.
        for (String broken : List.of("rule \"R\" when User(hasRole(\"x) then decision.require(\"otp\"; end",
                "rule \"R\" when Org(withinBusinessHours(((( then end", "rule \"R\" when User(hasRole(\"a\\\")) then end",
                "rule", "}}}", "rule \"R\" when then decision.require(; end")) {
            List<LintFinding> findings = lint(null, broken);
            assertTrue(findings.stream().noneMatch(f -> f.message().contains("could not read")), broken + ": " + findings);
        }
    }

    @Test
    void errorsBlockActivationAndWarningsDoNot() throws Exception {
        Baseline baseline = Baseline.load(Path.of("rules"));
        PolicySources misspelt = new PolicySources("acme", Map.of("r.drl",
                HEADER + "rule \"R\" when User() then decision.require(\"opt\"); end"));
        PolicyRejectedException e = assertThrows(PolicyRejectedException.class, () -> PolicyBuilder.build(misspelt, baseline, "api"));
        assertTrue(e.errors().toString().contains("\"opt\" is not a factor; did you mean \"otp\"?"), e.errors().toString());

        PolicySources warned = new PolicySources("acme", Map.of("r.drl",
                HEADER + "rule \"R\" when Geo($c : country) Org(isAbroad($c)) then decision.require(\"otp\"); end"));
        assertEquals("acme", PolicyBuilder.build(warned, baseline, "api").org());
    }
}
