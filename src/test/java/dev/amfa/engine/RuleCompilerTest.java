package dev.amfa.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleCompilerTest {
    private static final String VALID = """
            package t;
            import dev.amfa.facts.Decision;
            import dev.amfa.facts.LoginContext;
            global Decision decision;
            rule "Note every login"
            when
                LoginContext()
            then
                decision.note("seen");
            end
            """;

    @Test
    void aSyntaxErrorReportsFileLineAndColumn() {
        String broken = VALID.replace("LoginContext()", "LoginContext(org == )");
        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> RuleCompiler.compile("t", List.of(new RuleSource("rules/t.drl", broken))));
        CompileError error = e.errors().get(0);
        assertEquals("rules/t.drl", error.file());
        assertEquals(7, error.line(), error.toString());
        assertTrue(error.column() > 0, error.toString());
        assertFalse(error.message().isBlank());
    }

    @Test
    void anUnknownFactTypeIsAnError() {
        String unknown = VALID.replace("LoginContext()", "Passport(country == \"XX\")");
        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> RuleCompiler.compile("t", List.of(new RuleSource("rules/t.drl", unknown))));
        assertTrue(e.getMessage().contains("Passport"), e.getMessage());
    }

    @Test
    void theVersionIsAHashOfTheSources() throws Exception {
        RuleSet a = RuleCompiler.compile("t", List.of(new RuleSource("rules/t.drl", VALID)));
        RuleSet same = RuleCompiler.compile("t", List.of(new RuleSource("rules/t.drl", VALID)));
        RuleSet changed = RuleCompiler.compile("t", List.of(new RuleSource("rules/t.drl", VALID.replace("seen", "saw"))));
        assertEquals(a.version(), same.version());
        assertNotEquals(a.version(), changed.version());
        assertEquals(12, a.version().length());
        assertEquals(1, a.ruleCount());
        assertTrue(a.declaresDecision());
    }

    @Test
    void rulesWithoutTheDecisionGlobalStillRun() throws Exception {
        String noGlobal = """
                package t;
                import dev.amfa.facts.LoginContext;
                rule "Looks only"
                when
                    LoginContext()
                then
                end
                """;
        RuleSet set = RuleCompiler.compile("t", List.of(new RuleSource("x.drl", noGlobal)));
        assertFalse(set.declaresDecision());
        var result = PolicyEngine.evaluate(set, null, set.version(), new dev.amfa.facts.Decision(List.of()), List.of(
                new dev.amfa.facts.LoginContext("e", "acme", "saml", null, "192.0.2.1", java.time.Instant.EPOCH, null, List.of())));
        assertEquals(List.of("Looks only"), result.reasons());
    }
}
