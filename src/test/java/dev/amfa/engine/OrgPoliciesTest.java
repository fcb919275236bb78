package dev.amfa.engine;

import dev.amfa.facts.Action;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.amfa.engine.BaselineRulesTest.a;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An org's own DRL runs after the baseline, sees its Risk, and only for that org. */
class OrgPoliciesTest {

    private static final String ADMINS_USE_KEYS = """
            package amfa.org.bank;
            import dev.amfa.facts.Decision;
            import dev.amfa.facts.Risk;
            import dev.amfa.facts.User;
            global Decision decision;

            rule "Admins always use a security key"
            when
                User(hasRole("admin"))
                Risk()
            then
                decision.require("webauthn-roaming");
            end
            """;

    @Test
    void anOrgsRulesRefineTheBaselineForThatOrgOnly(@TempDir Path policies) throws Exception {
        Files.createDirectories(policies.resolve("bank"));
        Files.writeString(policies.resolve("bank/admins.drl"), ADMINS_USE_KEYS);
        Policies loaded = Policies.load(Path.of("rules"), policies);
        assertEquals(1, loaded.orgs().get("bank").ruleCount());
        PolicyEngine engine = new PolicyEngine(loaded);

        List<String> enrolled = List.of("otp", "webauthn-roaming");
        List<Object> facts = List.of(
                new dev.amfa.facts.LoginContext("e", "bank", "saml", null, "192.0.2.1", java.time.Instant.EPOCH, null, List.of()),
                new dev.amfa.facts.User("root", null, List.of("admin"), java.util.Map.of(), enrolled, 0),
                a("NewDevice", Confidence.HIGH, "match"));

        EngineResult bank = engine.evaluate("bank", new Decision(enrolled), facts);
        assertEquals(Action.CHALLENGE, bank.decision().action());
        assertEquals(List.of("webauthn-roaming"), bank.decision().factors());
        assertEquals("bank", bank.fired().get(bank.fired().size() - 1).ruleSet());
        assertTrue(bank.policyVersion().startsWith(loaded.baseline().version() + "+"));

        EngineResult other = engine.evaluate("shop", new Decision(enrolled), facts);
        assertEquals(Action.ALLOW, other.decision().action());
        assertNotEquals(bank.policyVersion(), other.policyVersion());
    }

    @Test
    void anOrgPolicyThatDoesNotCompileStopsTheLoadNamingFileAndLine(@TempDir Path policies) throws Exception {
        Files.createDirectories(policies.resolve("broken"));
        Files.writeString(policies.resolve("broken/typo.drl"), ADMINS_USE_KEYS.replace("Risk()", "Risk(("));
        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> Policies.load(Path.of("rules"), policies));
        CompileError first = e.errors().get(0);
        assertEquals("broken/typo.drl", first.file());
        assertTrue(first.line() >= 9 && first.line() <= 12, first.toString());
        assertTrue(e.getMessage().contains("broken/typo.drl:"), e.getMessage());
    }
}
