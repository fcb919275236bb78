package dev.amfa.engine;

import dev.amfa.facts.Action;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Decision;
import dev.amfa.facts.Geo;
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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.amfa.engine.BaselineRulesTest.a;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worked example of docs/fact-model.md compiles and does what the page says. */
class FactModelDocTest {

    @Test
    void theWorkedExampleCompilesAndDecides(@TempDir Path policies) throws Exception {
        String page = Files.readString(Path.of("docs/fact-model.md"));
        Matcher blocks = Pattern.compile("```drl\\n(.*?)```", Pattern.DOTALL).matcher(page);
        String example = null;
        while (blocks.find()) example = blocks.group(1);
        assertTrue(example != null && example.contains("rule "), "no worked example found");
        Files.createDirectories(policies.resolve("bank"));
        Files.writeString(policies.resolve("bank/example.drl"), example);
        EffectivePolicy bank = PolicyRegistry.load(Path.of("rules"), policies, Clock.systemUTC()).current().forOrg("bank");

        List<String> enrolled = List.of("otp", "webauthn-roaming");
        LoginContext login = new LoginContext("e", "bank", "saml", null, "192.0.2.1", Instant.EPOCH, null, List.of());
        Decision admin = OrgPoliciesTest.evaluate(bank, enrolled, List.of(login,
                new User("root", null, List.of("admin"), Map.of(), enrolled, 0),
                new Geo(true, "GB", "London", 51.5, -0.1, "Europe/London"),
                a("NewDevice", Confidence.HIGH, "match"))).decision();
        assertEquals(Action.CHALLENGE, admin.action());
        assertEquals(List.of("webauthn-roaming"), admin.factors());

        Decision sanctioned = OrgPoliciesTest.evaluate(bank, enrolled, List.of(login,
                new User("alice", null, List.of(), Map.of(), enrolled, 0),
                new Geo(true, "KP", null, 39.0, 125.7, null),
                a("NewDevice", Confidence.HIGH, "match"))).decision();
        assertEquals(Action.DENY, sanctioned.action());
    }
}
