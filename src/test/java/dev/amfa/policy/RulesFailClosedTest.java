package dev.amfa.policy;

import dev.amfa.engine.RuleBudget;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.facts.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Rules that throw or run away answer a challenge whose reason names the rule set, never the exception. */
class RulesFailClosedTest {
    private static final String HEADER = "package amfa.org.x;\nimport dev.amfa.facts.*;\nglobal Decision decision;\n";

    @Test
    @Timeout(60) // a guard: without the budget the evaluation never ends
    void rulesThatNeverStopAreChallengedNamingTheOrg() {
        EffectivePolicy policy = PolicyFixtures.policy("looping", null, HEADER
                + "rule \"Each risk makes another\" when Risk() then insert(new Risk(Confidence.HIGH, 0)); end");
        Evaluation evaluation = PolicyFixtures.decide(policy, PolicyFixtures.request("u", Instant.EPOCH, "otp", "email"),
                PolicyFixtures.BERLIN, PolicyFixtures.high("NewDevice"));
        assertEquals(Action.CHALLENGE, evaluation.result().decision().action());
        assertEquals(List.of("otp", "email"), evaluation.result().decision().factors());
        assertEquals(List.of("the rules of org looping fired more than " + RuleBudget.DEFAULT.firings()
                + " rules: challenged to fail closed"), evaluation.result().decision().getNotes());
    }

    @Test
    void aRuleThatThrowsIsChallengedWithoutTheExceptionInTheAnswer() {
        EffectivePolicy policy = PolicyFixtures.policy("thrower", null, HEADER
                + "rule \"Too much risk\" when Risk() then decision.compoundRisk(2); end");
        Evaluation evaluation = PolicyFixtures.decide(policy, PolicyFixtures.request("u", Instant.EPOCH, "otp"),
                PolicyFixtures.BERLIN, PolicyFixtures.high("NewDevice"));
        assertEquals(Action.CHALLENGE, evaluation.result().decision().action());
        List<String> notes = evaluation.result().decision().getNotes();
        assertEquals(List.of("the rules of org thrower failed: challenged to fail closed"), notes);
        assertFalse(notes.toString().contains("Exception"), notes.toString());
    }
}
