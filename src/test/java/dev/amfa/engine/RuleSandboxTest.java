package dev.amfa.engine;

import dev.amfa.facts.Decision;
import dev.amfa.facts.LoginContext;
import dev.amfa.facts.Risk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DRL that could reach Java beyond the fact model is refused before it is compiled, with file, line and why.
 * Each case is a way an attacker with the admin token (or a policy folder) could try to run code in the service.
 */
class RuleSandboxTest {
    /** Rule with the attack on its line 8 (the consequence), inside a file that is otherwise allowed. */
    private static final String CONSEQUENCE = """
            package amfa.org.evil;
            import dev.amfa.facts.*;
            global Decision decision;
            rule "evil"
            when
                $r : Risk()
            then
                %s
            end
            """;

    /** Rule with the attack as a constraint on line 6. */
    private static final String CONSTRAINT = """
            package amfa.org.evil;
            import dev.amfa.facts.*;
            global Decision decision;
            rule "evil"
            when
                $r : Risk(%s)
            then
                decision.note("x");
            end
            """;

    static Stream<String> consequences() {
        return Stream.of(
                // the finding: reading the process's command line (admin token, API keys)
                "decision.note(java.nio.file.Files.readString(java.nio.file.Path.of(\"/proc/self/cmdline\")));",
                "System.exit(0);",
                "Runtime.getRuntime().halt(0);",
                "Thread.sleep(3000);",
                "new Thread(() -> {}).start();",
                "Class.forName(\"java.lang.\" + \"Runtime\");",
                "decision.note($r.getClass().getClassLoader().toString());",
                "decision.note(\"\".getClass().getName());",
                "decision.getNotes().getClass();",
                "decision.note(getClass().getName());",
                "decision.getNotes().forEach(n -> decision.note(n));",
                "decision.note(String.valueOf(drools.getKieRuntime()));",
                "kcontext.getKieRuntime().halt();",
                "insert(new java.io.File(\"/etc/passwd\"));",
                "java.lang.reflect.Method m = null;",
                "Sys/**/tem.exit(0);",
                "System . exit ( 0 ) ;",
                "while (true) { }",
                "for (int i = 0; i < 10; i++) { decision.note(\"x\"); }",
                "decision.note(\"x\".repeat(1000000000));",
                "decision.note(\"\"\"\n x \"\"\");",
                "decision.note(String.format(\"%s\", \"x\"));",
                "decision.note(\"a\".replaceAll(\"(a+)+$\", \"b\"));",
                "javax.script.ScriptEngine e = null;",
                "try { decision.note(\"x\"); } catch (Exception e) { }",
                "throw new Error(\"boom\");",
                "synchronized (decision) { }");
    }

    @ParameterizedTest
    @MethodSource("consequences")
    void codeInAConsequenceBeyondTheFactModelIsRefusedWithItsLine(String attack) {
        CompileError error = refused(CONSEQUENCE.formatted(attack));
        assertEquals("policies/evil/evil.drl", error.file());
        assertEquals(8, error.line(), error.toString());
        assertTrue(error.message().startsWith("rule \"evil\": "), error.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "this.getClass().getName() != \"x\"",
            "$c : class",
            "confidence.declaringClass != null",
            "this.?class != null",
            "System.exit(0) == null",
            "java.lang.System.getenv(\"HOME\") != null",
            "toString() matches \"(a+)+$\"",
            "new java.io.File(\"x\").delete()",
            "score > Math.random()"})
    void codeInAConstraintIsRefusedWithItsLine(String attack) {
        CompileError error = refused(CONSTRAINT.formatted(attack));
        assertEquals(6, error.line(), error.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // Java decodes unicode escapes before anything else, even in a comment: this is System.exit(0)
            "// \\u000a System.exit(0);",
            "\\u0053ystem.exit(0);",
            "decision.note(\"caf\\u00e9\");",
            // a soft hyphen: the Java compiler ignores it inside a name, so this is System
            "Sys\u00ADtem.exit(0);",
            "Sys\u200Btem.exit(0);"})
    void escapesAndInvisibleCharactersAreRefused(String attack) {
        CompileError error = refused(CONSEQUENCE.formatted(attack));
        assertEquals(8, error.line(), error.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "import java.nio.file.Files;",
            "import java.lang.System;",
            "import function java.lang.System.exit;",
            "global java.util.List leak;",
            "global Decision other;",
            "declare Evil\n  name : String = System.getProperty(\"x\")\nend",
            "function void f() { System.exit(0); }",
            "function int f(int n) { return f(n - 1) + f(n - 1); }",
            "function int max(int a) { return max(a); }",
            "function java.io.File f() { return null; }",
            "query \"q\" Risk() end",
            "rule \"timer\" timer (int: 1s) when Risk() then end",
            "rule \"s\" salience (System.nanoTime() > 0 ? 1 : 0) when Risk() then end",
            "rule \"e\" enabled (System.getenv(\"X\") == null) when Risk() then end",
            "rule \"acc\" when $n : Number() from accumulate(Risk(), init(int i = 0;), action(i++;), result(i)) then end",
            "rule \"from\" when Risk() from java.nio.file.Files.readAllLines(java.nio.file.Path.of(\"/x\")) then end",
            "rule \"eval\" when eval(System.exit(0) == null) then end",
            "rule \"type\" when java.lang.Runtime() then end",
            "rule \"mvel\" dialect \"mvel\" when $r : Risk() then decision.note($r.class.classLoader.toString()); end",
            "rule \"named\" when Risk() then do[x] end"})
    void packageLevelWaysInAreRefused(String attack) {
        String drl = "package amfa.org.evil;\nimport dev.amfa.facts.*;\nglobal Decision decision;\n" + attack + "\n";
        CompileError error = refused(drl);
        assertTrue(error.line() >= 4, error.toString());
    }

    @Test
    void textInStringsAndCommentsIsOnlyText() throws Exception {
        String drl = CONSEQUENCE.formatted("""
                // System.exit(0) in a comment is a comment
                /* Class.forName("x") */ String s = "System.exit(0)"; decision.note(s + Math.max(1, 2) + "Sys" + "tem");""");
        RuleSet rules = RuleCompiler.compile("evil", List.of(new RuleSource("policies/evil/evil.drl", drl)));
        Decision decision = new Decision(List.of("otp"));
        PolicyEngine.evaluate(rules, null, rules.version(), decision, List.of(new Risk(dev.amfa.facts.Confidence.HIGH, 0)));
        assertEquals(List.of("System.exit(0)2System"), decision.getNotes());
    }

    @Test
    void whatPoliciesUseStaysAllowed() throws Exception {
        String drl = """
                package amfa.org.fine;
                import dev.amfa.facts.*;
                global Decision decision;
                function boolean risky(Risk risk) {
                    return risk.getScore() >= 0.5 && Math.abs(risk.getScore()) <= 1;
                }
                rule "fine"
                    salience -10
                when
                    $login : LoginContext($at : timestamp, flow in ("saml", "oidc"), !hasTransaction())
                    $r : Risk(!risky(this), confidence == Confidence.HIGH || score < 0.5)
                    $n : Number(intValue >= 0) from accumulate(Risk(), count(1))
                    not Geo(countryIn("KP"))
                then
                    String flow = $login.getFlow().toUpperCase();
                    decision.note(flow + " " + $n.intValue() + " " + Integer.parseInt("7"));
                end
                """;
        RuleSet rules = RuleCompiler.compile("fine", List.of(new RuleSource("policies/fine/fine.drl", drl)));
        Decision decision = new Decision(List.of("otp"));
        PolicyEngine.evaluate(rules, null, rules.version(), decision, List.of(
                new LoginContext("e", "fine", "saml", null, "192.0.2.1", Instant.EPOCH, null, List.of()),
                new Risk(dev.amfa.facts.Confidence.HIGH, 0)));
        assertEquals(List.of("SAML 1 7"), decision.getNotes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rules", "policies/bank", "policies/consumer-app", "policies/admin-portal"})
    void theShippedRulesAndPoliciesPassTheCheck(String dir) throws Exception {
        List<RuleSource> sources = RuleSource.readDirectory(Path.of(dir));
        assertEquals(List.of(), RuleSandbox.check(sources));
    }

    @Test
    void theVocabularyNamesEveryClassOfTheFactModel() throws Exception {
        try (Stream<Path> files = java.nio.file.Files.list(Path.of("src/main/java/dev/amfa/facts"))) {
            // FactTypes and Helper describe the model and DeviceKeys builds the stores' device keys (rules never
            // see them); every other class of the package is part of the model.
            List<String> classes = files.map(f -> f.getFileName().toString().replace(".java", ""))
                    .filter(c -> !List.of("FactTypes", "Helper", "DeviceKeys").contains(c)).sorted().toList();
            assertEquals(classes, RuleVocabulary.FACT_TYPES.stream().map(Class::getSimpleName).sorted().toList());
        }
    }

    /** Refused by the check itself, before the compiler sees it; and so by RuleCompiler too. */
    private static CompileError refused(String drl) {
        List<RuleSource> sources = List.of(new RuleSource("policies/evil/evil.drl", drl));
        List<CompileError> errors = RuleSandbox.check(sources);
        assertFalse(errors.isEmpty(), drl);
        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> RuleCompiler.compile("evil", sources));
        assertEquals(errors, e.errors());
        return errors.get(0);
    }
}
