package dev.amfa.engine;

import dev.amfa.facts.Action;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Decision;
import dev.amfa.facts.LoginContext;
import dev.amfa.facts.User;
import dev.amfa.policy.EffectivePolicy;
import dev.amfa.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.amfa.engine.BaselineRulesTest.a;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An org's own DRL runs after the baseline, sees its Risk, and only for that org. */
class OrgPoliciesTest {

    static final String ADMINS_USE_KEYS = """
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

    static EngineResult evaluate(EffectivePolicy policy, List<String> enrolled, List<Object> facts) {
        List<Object> all = new ArrayList<>(facts);
        all.add(policy.fact());
        return PolicyEngine.evaluate(policy.baseline().rules(), policy.ownRules(), policy.version(),
                new Decision(enrolled), all);
    }

    @Test
    void anOrgsRulesRefineTheBaselineForThatOrgOnly(@TempDir Path policies) throws Exception {
        Files.createDirectories(policies.resolve("bank"));
        Files.writeString(policies.resolve("bank/admins.drl"), ADMINS_USE_KEYS);
        PolicyRegistry registry = PolicyRegistry.load(Path.of("rules"), policies, Clock.systemUTC());
        EffectivePolicy bankPolicy = registry.current().forOrg("bank");
        assertEquals(1, bankPolicy.ownRules().ruleCount());

        List<String> enrolled = List.of("otp", "webauthn-roaming");
        List<Object> facts = List.of(
                new LoginContext("e", "bank", "saml", null, "192.0.2.1", Instant.EPOCH, null, List.of()),
                new User("root", null, List.of("admin"), Map.of(), enrolled, 0),
                a("NewDevice", Confidence.HIGH, "match"));

        EngineResult bank = evaluate(bankPolicy, enrolled, facts);
        assertEquals(Action.CHALLENGE, bank.decision().action());
        assertEquals(List.of("webauthn-roaming"), bank.decision().factors());
        assertEquals("bank", bank.fired().get(bank.fired().size() - 1).ruleSet());
        assertTrue(bank.policyVersion().startsWith(registry.current().baseline().version() + "+"));

        EngineResult other = evaluate(registry.current().forOrg("shop"), enrolled, facts);
        assertEquals(Action.ALLOW, other.decision().action());
        assertNotEquals(bank.policyVersion(), other.policyVersion());
    }

    @Test
    void anOrgPolicyThatDoesNotCompileStopsTheLoadNamingFileAndLine(@TempDir Path policies) throws Exception {
        Files.createDirectories(policies.resolve("broken"));
        Files.writeString(policies.resolve("broken/typo.drl"), ADMINS_USE_KEYS.replace("Risk()", "Risk(("));
        var e = assertThrows(dev.amfa.policy.PolicyRejectedException.class,
                () -> PolicyRegistry.load(Path.of("rules"), policies, Clock.systemUTC()));
        CompileError first = e.errors().get(0);
        assertEquals("broken/typo.drl", first.file());
        assertTrue(first.line() >= 9 && first.line() <= 12, first.toString());
        assertTrue(e.getMessage().contains("broken/typo.drl:"), e.getMessage());
    }
}
