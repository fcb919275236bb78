package dev.amfa.cli;

import dev.amfa.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** amfa check, test and eval on a project folder of their own. */
class PolicyCommandsTest {
    private static final String ABROAD = """
            package amfa.org.demo;
            import dev.amfa.facts.*;
            global Decision decision;
            rule "Abroad: challenge"
            when
                Geo($c : country)
                Org(isAbroad($c))
                Risk()
            then
                decision.challengeAtLeast("otp");
            end
            """;
    private static final String CASES = """
            [
             {"name": "home is fine", "request": {"user": {"id": "u", "enrolled_factors": ["otp"]}},
              "geo": {"country": "DE", "latitude": 52.5, "longitude": 13.4}, "expect": {"action": "allow"}},
             {"name": "abroad is challenged", "request": {"user": {"id": "u", "enrolled_factors": ["otp"]}},
              "geo": {"country": "FR", "latitude": 48.8, "longitude": 2.3},
              "expect": {"action": "challenge", "factors": ["otp"], "rules": ["Abroad: challenge"]}}
            ]
            """;

    @TempDir
    Path project;
    Path demo;

    @BeforeEach
    void project() throws Exception {
        dev.amfa.TestService.copyRules(project);
        demo = project.resolve("policies/demo");
        Files.createDirectories(demo.resolve("tests"));
        Files.writeString(demo.resolve("policy.json"), "{\"home_countries\": [\"DE\"]}");
        Files.writeString(demo.resolve("geo.drl"), ABROAD);
        Files.writeString(demo.resolve("tests/abroad.json"), CASES);
    }

    private record Run(int exit, String out) {
    }

    private static Run amfa(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void testPassesAndFailsWithAReadableDifference() throws Exception {
        Run green = amfa("test", project.toString());
        assertEquals(0, green.exit(), green.out());
        assertTrue(green.out().contains("PASS demo/tests/abroad.json: abroad is challenged"), green.out());
        assertTrue(green.out().contains("2 passed, 0 failed"), green.out());

        Files.writeString(demo.resolve("tests/abroad.json"), CASES.replace("\"action\": \"allow\"", "\"action\": \"deny\""));
        Run red = amfa("test", project.toString());
        assertEquals(1, red.exit(), red.out());
        assertTrue(red.out().contains("FAIL demo/tests/abroad.json: home is fine"), red.out());
        assertTrue(red.out().contains("action: expected deny, got allow"), red.out());
        assertTrue(red.out().contains("1 passed, 1 failed"), red.out());
    }

    @Test
    void checkCompilesAndNamesTheBrokenLine() throws Exception {
        Run ok = amfa("check", project.toString());
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().contains("ok   demo"), ok.out());
        Files.writeString(demo.resolve("geo.drl"), ABROAD.replace("Risk()", "Risk(("));
        Run broken = amfa("check", project.toString());
        assertEquals(1, broken.exit(), broken.out());
        assertTrue(broken.out().contains("FAIL demo/geo.drl:"), broken.out());
    }

    @Test
    void evalExplainsWhichRulesFiredOnWhichFacts() throws Exception {
        Path input = project.resolve("case.json");
        Files.writeString(input, """
                {"request": {"user": {"id": "u", "enrolled_factors": ["otp"]}},
                 "geo": {"country": "FR", "latitude": 48.8, "longitude": 2.3}}
                """);
        Run eval = amfa("eval", project.toString(), "--org", "demo", "--input", input.toString(), "--explain");
        assertEquals(0, eval.exit(), eval.out());
        assertTrue(eval.out().contains("\"action\" : \"challenge\""), eval.out());
        assertTrue(eval.out().contains("[demo] Abroad: challenge"), eval.out());
        assertTrue(eval.out().contains("matched Org(demo, adaptive, home [DE])"), eval.out());
        int baselineFirst = eval.out().indexOf("[baseline] Combine the signals");
        assertTrue(baselineFirst > 0 && baselineFirst < eval.out().indexOf("[demo]"), "in firing order");
    }

    @Test
    void testCoverageListsRulesNoCaseFiresAndRequireCoverageFailsOnThem() throws Exception {
        Files.writeString(demo.resolve("geo.drl"), ABROAD + """
                rule "Sanctioned: deny"
                when
                    Geo(countryIn("KP"))
                then
                    decision.deny("sanctioned");
                end
                """);
        Run report = amfa("test", project.toString(), "--coverage");
        assertEquals(0, report.exit(), report.out());
        assertTrue(report.out().contains("  covered     demo/geo.drl: Abroad: challenge"), report.out());
        assertTrue(report.out().contains("  NOT COVERED demo/geo.drl: Sanctioned: deny"), report.out());
        assertTrue(report.out().contains("demo: 1 of 2 rules covered (50%)"), report.out());

        Run required = amfa("test", project.toString(), "--require-coverage");
        assertEquals(1, required.exit(), required.out());
        assertTrue(required.out().contains("FAIL demo/geo.drl: rule \"Sanctioned: deny\" is fired by no test case"), required.out());
        assertTrue(required.out().contains("2 passed, 0 failed, 1 org(s) with rules no test fires"), required.out());

        // The org's own setting does the same without the flag.
        Files.writeString(demo.resolve("policy.json"), "{\"home_countries\": [\"DE\"], \"require_rule_coverage\": true}");
        assertEquals(1, amfa("test", project.toString()).exit());
    }

    @Test
    void checkPrintsLintWarningsWithoutFailingAndLintErrorsFailing() throws Exception {
        Files.writeString(demo.resolve("policy.json"), "{}");
        Run warned = amfa("check", project.toString());
        assertEquals(0, warned.exit(), warned.out());
        assertTrue(warned.out().contains("WARN  demo/geo.drl:7: rule \"Abroad: challenge\": reads `Org.isAbroad` but demo/policy.json"
                + " sets no \"home_countries\""), warned.out());

        Files.writeString(demo.resolve("geo.drl"), ABROAD.replace("challengeAtLeast(\"otp\")", "challengeAtLeast(\"totp\")"));
        Run error = amfa("check", project.toString());
        assertEquals(1, error.exit(), error.out());
        assertTrue(error.out().contains("ERROR demo/geo.drl:10: rule \"Abroad: challenge\": \"totp\" is not a factor; did you mean \"otp\"?"),
                error.out());
    }

    @Test
    void initPolicyWritesAFolderThatIsGreenFromTheStart() throws Exception {
        Path policies = project.resolve("policies");
        Run init = amfa("init-policy", "acme-eu", "--policies-dir", policies.toString());
        assertEquals(0, init.exit(), init.out());
        Run test = amfa("test", project.toString(), "--org", "acme-eu", "--coverage");
        assertEquals(0, test.exit(), test.out());
        assertTrue(test.out().contains("2 passed, 0 failed"), test.out());
        assertTrue(test.out().contains("acme-eu: 1 of 1 rules covered (100%)"), test.out());
        Run check = amfa("check", project.toString(), "--org", "acme-eu");
        assertEquals(0, check.exit(), check.out());
        assertTrue(check.out().contains("ok   acme-eu") && !check.out().contains("WARN"), check.out());

        Run again = amfa("init-policy", "acme-eu", "--policies-dir", policies.toString());
        assertEquals(1, again.exit(), again.out());
        assertEquals(2, amfa("init-policy", "Not An Org", "--policies-dir", policies.toString()).exit());
    }
}
