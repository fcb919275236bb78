package dev.amfa.engine;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Decision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A large rule set reuses one session per thread: no run may see what an earlier run inserted. */
class ReusedSessionsTest {

    /** Filler rules that never fire, so the set is large enough to be reused, plus rules that count facts. */
    private static RuleSet largeRuleSet() throws Exception {
        StringBuilder drl = new StringBuilder("""
                package reuse.test;
                import dev.amfa.facts.*;
                global Decision decision;
                declare Seen
                    signal : String
                end

                rule "count assessments"
                when
                    $n : Number() from accumulate(Assessment(), count(1))
                then
                    decision.note("assessments " + $n);
                end

                rule "remember each signal"
                when
                    Assessment($s : signal)
                then
                    insert(new Seen($s));
                end

                rule "count what the rules inserted"
                when
                    $n : Number(intValue > 0) from accumulate(Seen(), count(1))
                then
                    decision.note("seen " + $n);
                end

                rule "fail on request"
                when
                    Assessment(code == "explode")
                then
                    throw new IllegalStateException("rule failed on purpose");
                end
                """);
        for (int i = 0; i < ReusedSessions.FROM_RULES; i++) {
            drl.append("rule \"filler ").append(i).append("\"\nwhen\n    Assessment(signal == \"none-").append(i)
                    .append("\")\nthen\n    decision.note(\"never\");\nend\n");
        }
        // A declared type and a throw: engine internals, beyond what the sandbox lets a policy write.
        RuleSet rules = TrustedRules.compile("reuse", drl.toString());
        assertNotNull(rules.reused(), rules.ruleCount() + " rules should reuse sessions");
        return rules;
    }

    private static List<String> notes(RuleSet rules, String... codes) {
        List<Object> facts = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) facts.add(new Assessment("Signal" + i, Confidence.HIGH, codes[i], null));
        Decision decision = new Decision(List.of("otp"));
        PolicyEngine.evaluate(rules, null, "v", decision, facts);
        return decision.getNotes();
    }

    @Test
    void eachRunSeesOnlyItsOwnFactsIncludingWhatTheRulesInserted() throws Exception {
        RuleSet rules = largeRuleSet();
        for (int run = 0; run < 5; run++) {
            assertEquals(List.of("assessments 2", "seen 2"), sorted(notes(rules, "match", "no_match")));
            assertEquals(List.of("assessments 1", "seen 1"), sorted(notes(rules, "match")));
        }
    }

    @Test
    void aRunThatFailsHalfWayLeavesNothingForTheNextOne() throws Exception {
        RuleSet rules = largeRuleSet();
        assertThrows(RuntimeException.class, () -> notes(rules, "match", "explode", "no_match"));
        assertEquals(List.of("assessments 1", "seen 1"), sorted(notes(rules, "match")));
    }

    @Test
    void threadsDoNotShareASession() throws Exception {
        RuleSet rules = largeRuleSet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int size = 1 + i % 3;
                runs.add(() -> notes(rules, java.util.Collections.nCopies(size, "match").toArray(String[]::new)));
            }
            List<Future<List<String>>> answers = pool.invokeAll(runs);
            for (int i = 0; i < answers.size(); i++) {
                int size = 1 + i % 3;
                assertEquals(List.of("assessments " + size, "seen " + size), sorted(answers.get(i).get()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void smallRuleSetsKeepANewSessionPerRun() throws Exception {
        RuleSet small = RuleCompiler.compile("small", List.of(new RuleSource("small.drl", """
                package small;
                import dev.amfa.facts.*;
                global Decision decision;
                rule "one" when Assessment() then decision.note("one"); end
                """)));
        assertNull(small.reused());
    }

    private static List<String> sorted(List<String> notes) {
        return notes.stream().sorted().toList();
    }
}
