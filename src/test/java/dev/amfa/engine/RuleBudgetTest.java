package dev.amfa.engine;

import dev.amfa.facts.Confidence;
import dev.amfa.facts.Decision;
import dev.amfa.facts.Risk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules that run away or throw an Error end their evaluation with a failure that names the rule set. */
class RuleBudgetTest {
    /** Allowed by the sandbox, and endless: every firing inserts a Risk that activates the rule again. */
    static final String ENDLESS = """
            package amfa.org.loop;
            import dev.amfa.facts.*;
            global Decision decision;
            rule "Each risk makes another"
            when
                Risk()
            then
                insert(new Risk(Confidence.HIGH, 0));
            end
            """;

    private static final List<Object> FACTS = List.of(new Risk(Confidence.HIGH, 0));

    @Test
    @Timeout(60) // a guard: without the budget this run never ends
    void rulesThatKeepActivatingEachOtherAreStoppedByTheFiringBudget() throws Exception {
        RuleSet rules = RuleCompiler.compile("loop", List.of(new RuleSource("policies/loop/loop.drl", ENDLESS)));
        RuleSetFailedException e = assertThrows(RuleSetFailedException.class, () -> PolicyEngine.evaluate(rules, null,
                rules.version(), new Decision(List.of()), FACTS, new RuleBudget(Duration.ofHours(1), 500)));
        assertEquals("the rules of org loop fired more than 500 rules", e.getMessage());
        assertEquals("loop", e.ruleSet());
    }

    @Test
    @Timeout(60)
    void andByTheTimeBudget() throws Exception {
        RuleSet rules = RuleCompiler.compile("loop", List.of(new RuleSource("policies/loop/loop.drl", ENDLESS)));
        // A budget that is spent before the first firing: the clock is checked before each one.
        RuleSetFailedException e = assertThrows(RuleSetFailedException.class, () -> PolicyEngine.evaluate(rules, null,
                rules.version(), new Decision(List.of()), FACTS, new RuleBudget(Duration.ofNanos(1), Integer.MAX_VALUE)));
        assertEquals("the rules of org loop ran out of time", e.getMessage());
    }

    @Test
    @Timeout(60)
    void aReusedSessionIsStoppedTooAndNotReusedAfterwards() throws Exception {
        StringBuilder many = new StringBuilder(ENDLESS);
        for (int i = 0; i < ReusedSessions.FROM_RULES; i++) {
            many.append("rule \"filler ").append(i).append("\" when Risk(score > 2) then end\n");
        }
        RuleSet rules = RuleCompiler.compile("loop", List.of(new RuleSource("policies/loop/loop.drl", many.toString())));
        assertTrue(rules.reused() != null);
        for (int run = 0; run < 2; run++) {
            RuleSetFailedException e = assertThrows(RuleSetFailedException.class, () -> PolicyEngine.evaluate(rules,
                    null, rules.version(), new Decision(List.of()), FACTS, new RuleBudget(Duration.ofHours(1), 200)));
            assertEquals("the rules of org loop fired more than 200 rules", e.getMessage());
        }
    }

    @Test
    void anErrorThrownByARuleIsAFailureOfItsRuleSetNotOfTheCaller() {
        // Trusted code the sandbox would refuse (recursion), compiled directly: an Error must still be contained.
        String drl = """
                package trusted;
                import dev.amfa.facts.*;
                global Decision decision;
                function int deeper(int n) { return deeper(n + 1) + 1; }
                rule "Overflows the stack"
                when
                    Risk()
                then
                    decision.note("depth " + deeper(0));
                end
                """;
        RuleSet rules = TrustedRules.compile("baseline", drl);
        Decision decision = new Decision(List.of());
        RuleSetFailedException e = assertThrows(RuleSetFailedException.class,
                () -> PolicyEngine.evaluate(rules, null, "v", decision, FACTS));
        assertEquals("the rules of the baseline failed", e.getMessage());
        Throwable cause = e.getCause();
        while (cause.getCause() != null && !(cause instanceof StackOverflowError)) cause = cause.getCause();
        assertInstanceOf(StackOverflowError.class, cause);
    }
}
