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
}
