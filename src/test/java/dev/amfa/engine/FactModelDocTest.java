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

/** docs/fact-model.md: its worked example compiles and does what the page says, and its tables match the fact classes. */
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

    /** Public methods of fact classes that are neither getters nor helpers: not for rules. */
    private static final List<String> NOT_FOR_RULES = List.of("toString", "toJson", "equals", "hashCode", "withRecentFailures");

    @Test
    void theTablesListEveryFactWithEveryFieldAndHelperAndItsArguments() throws Exception {
        String page = Files.readString(Path.of("docs/fact-model.md"));
        List<String> lines = page.lines().toList();
        int helperRows = 0;
        for (Class<?> fact : dev.amfa.facts.FactTypes.all()) {
            String name = fact.getSimpleName();
            String row = lines.stream().filter(l -> l.startsWith("| `" + name + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/fact-model.md has no row for " + name));
            java.util.Set<String> documentedHelpers = new java.util.TreeSet<>();
            Matcher calls = Pattern.compile("`(\\w+)\\(").matcher(row.substring(row.lastIndexOf(" | ")));
            while (calls.find()) documentedHelpers.add(calls.group(1));
            java.util.Set<String> helpers = new java.util.TreeSet<>();
            for (java.lang.reflect.Method method : fact.getDeclaredMethods()) {
                int modifiers = method.getModifiers();
                if (!java.lang.reflect.Modifier.isPublic(modifiers) || java.lang.reflect.Modifier.isStatic(modifiers)) continue;
                dev.amfa.facts.Helper helper = method.getAnnotation(dev.amfa.facts.Helper.class);
                String property = property(method);
                if (helper != null) {
                    String signature = method.getName() + "(" + java.util.Arrays.stream(method.getParameters())
                            .map(p -> p.isVarArgs() ? p.getType().getComponentType().getSimpleName() + "..." : p.getType().getSimpleName())
                            .collect(java.util.stream.Collectors.joining(", ")) + ")";
                    assertTrue(row.contains("`" + signature + "`"), name + "'s row lacks `" + signature + "`: " + row);
                    String helperRow = "| `" + name + "." + signature + "` | " + helper.value() + " |";
                    assertTrue(lines.contains(helperRow), "the helper table lacks, or words differently:\n" + helperRow);
                    helpers.add(method.getName());
                    helperRows++;
                } else if (property != null) {
                    assertTrue(row.contains("`" + property + "`"), name + "'s row lacks the field `" + property + "`: " + row);
                } else {
                    assertTrue(NOT_FOR_RULES.contains(method.getName()), name + "." + method.getName()
                            + " is public: annotate it @Helper and give it rows in docs/fact-model.md, or keep it from rules");
                }
            }
            assertEquals(helpers, documentedHelpers, name + ": the row's helpers are the class's");
        }
        String facts = dev.amfa.facts.FactTypes.all().stream().map(Class::getSimpleName).collect(java.util.stream.Collectors.joining("|"));
        long rows = lines.stream().filter(l -> l.matches("\\| `(" + facts + ")\\.\\w+\\(.*")).count();
        assertEquals(helperRows, rows, "the helper table has a row for each helper and no other");
    }

    @Test
    void theDecisionTableListsEveryCallRulesCanMake() throws Exception {
        String page = Files.readString(Path.of("docs/fact-model.md"));
        String section = page.substring(page.indexOf("## The decision"));
        for (java.lang.reflect.Method method : Decision.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isPublic(method.getModifiers()) && method.getReturnType() == void.class) {
                assertTrue(section.contains("decision." + method.getName() + "("), "## The decision lacks decision." + method.getName());
            }
        }
    }

    /** "country" for getCountry(), "known" for isKnown(); null when not a getter. */
    private static String property(java.lang.reflect.Method method) {
        if (method.getParameterCount() > 0) return null;
        Matcher getter = Pattern.compile("(?:get|is)([A-Z]\\w*)").matcher(method.getName());
        if (!getter.matches()) return null;
        return Character.toLowerCase(getter.group(1).charAt(0)) + getter.group(1).substring(1);
    }
}
