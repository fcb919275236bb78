package dev.amfa.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every key of a test case is one the runner reads, or the case is rejected; negative expectations are keys of their own. */
class StrictTestCasesTest {
    private static final String TRUSTED = """
            "request": {"user": {"id": "u", "enrolled_factors": ["otp"]}},
            "geo": {"country": "DE", "latitude": 52.5, "longitude": 13.4}""";

    private static PolicyFileException rejected(String text) {
        return assertThrows(PolicyFileException.class, () -> PolicyTestCase.parseFile("acme", "acme/tests/t.json", text));
    }

    @Test
    void anUnknownExpectationKeyIsRejectedWithFileCaseKeyAndTheKeyItMeant() {
        // Issue 15's case: "rules_not" was ignored, so the case passed although the rule it names fired.
        PolicyFileException e = rejected("[{\"name\": \"first\", " + TRUSTED + ", \"expect\": {\"action\": \"allow\"}},"
                + " {\"name\": \"trusted\", " + TRUSTED + ", \"expect\": {\"action\": \"allow\", \"rules_not\": [\"Trusted login: allow\"]}}]");
        assertEquals("acme/tests/t.json", e.file());
        assertEquals("[1].expect.rules_not", e.field());
        assertTrue(e.getMessage().contains("(case \"trusted\")"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean \"absent_rules\"?"), e.getMessage());
    }

    @Test
    void aMisspeltKeyAnywhereInACaseIsRejectedWithTheNearestKnownKey() {
        PolicyFileException user = rejected("{\"name\": \"n\", \"request\": {\"user\": {\"id\": \"u\", \"enroled_factors\": [\"otp\"]}},"
                + " \"expect\": {\"action\": \"allow\"}}");
        assertEquals("request.user.enroled_factors", user.field());
        assertTrue(user.getMessage().contains("did you mean \"enrolled_factors\"?"), user.getMessage());

        PolicyFileException top = rejected("{\"name\": \"n\", " + TRUSTED + ", \"asume\": {}, \"expect\": {\"action\": \"allow\"}}");
        assertEquals("asume", top.field());
        assertTrue(top.getMessage().contains("did you mean \"assume\"?"), top.getMessage());

        PolicyFileException signal = rejected("{\"name\": \"n\", " + TRUSTED
                + ", \"assume\": {\"NewDevice\": {\"confidence\": \"low\", \"cod\": \"no_match\"}}, \"expect\": {\"action\": \"allow\"}}");
        assertEquals("assume.NewDevice.cod", signal.field());

        PolicyFileException factor = rejected("{\"name\": \"n\", " + TRUSTED + ", \"expect\": {\"action\": \"allow\", \"absent_factors\": [\"webauthn\"]}}");
        assertEquals("expect.absent_factors[0]", factor.field());
        assertTrue(factor.getMessage().contains("did you mean \"webauthn-roaming\"?"), factor.getMessage());
    }

    @Test
    void freeFormValuesStayFree() throws Exception {
        // Attributes, signal names and details are the author's own vocabulary: no key of theirs is "unknown".
        List<PolicyTestCase> cases = PolicyTestCase.parseFile("acme", "acme/tests/t.json", """
                {"name": "n", "request": {"user": {"id": "u", "attributes": {"department": "x"}},
                  "signals": {"BotCheck": {"confidence": "low", "code": "bot", "details": {"model": "v7"}}}},
                 "assume": {"ExternalRisk": {"confidence": "low", "code": "c", "details": {"anything": 1}}},
                 "expect": {"action": "deny"}}
                """);
        assertEquals(1, cases.size());
    }

    @Test
    void absentFactorsFailsACaseWhoseDecisionOffersThem() throws Exception {
        String rule = """
                package amfa.org.acme;
                import dev.amfa.facts.*;
                global Decision decision;
                rule "Everyone: OTP" when User() then decision.challenge("otp", "email"); end
                """;
        OrgPolicy policy = PolicyBuilder.compile(new PolicySources("acme", Map.of("a.drl", rule)), "disk");
        EffectivePolicy effective = PolicyBuilder.effective(policy, PolicyFixtures.baseline());
        String enrolled = "\"request\": {\"user\": {\"id\": \"u\", \"enrolled_factors\": [\"otp\", \"email\"]}}";
        PolicyTestResult offered = PolicyTests.run(effective, PolicyTestCase.parseFile("acme", "t.json",
                "{\"name\": \"no email\", " + enrolled + ", \"expect\": {\"action\": \"challenge\", \"absent_factors\": [\"email\"]}}").get(0));
        assertFalse(offered.passed());
        assertEquals(List.of("factor \"email\" was offered and should not have been"), offered.differences());

        PolicyTestResult notOffered = PolicyTests.run(effective, PolicyTestCase.parseFile("acme", "t.json",
                "{\"name\": \"no sms\", " + enrolled + ", \"expect\": {\"action\": \"challenge\", \"absent_factors\": [\"sms\"]}}").get(0));
        assertTrue(notOffered.passed(), notOffered.toString());
    }
}
