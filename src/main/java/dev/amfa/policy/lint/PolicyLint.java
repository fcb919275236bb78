package dev.amfa.policy.lint;

import dev.amfa.externalrisk.ExternalRiskSignal;
import dev.amfa.facts.Factor;
import dev.amfa.facts.FactTypes;
import dev.amfa.facts.Helper;
import dev.amfa.policy.DidYouMean;
import dev.amfa.policy.OrgSettings;
import dev.amfa.policy.PolicySources;
import dev.amfa.signals.ImpossibleTravelSignal;
import dev.amfa.signals.NewDeviceSignal;
import dev.amfa.signals.UntrustedIpSignal;
import io.vertx.core.json.JsonObject;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code amfa check} says about an org's DRL beyond the compiler: factor names that are not factors,
 * helpers called with the wrong arguments, settings a rule reads that policy.json does not set, rule names
 * used twice, a {@code require} another always overrides, a pattern on a fact that is never inserted or on
 * a misspelt built-in signal.
 * Errors block activation (PolicyBuilder), warnings do not. Parsing only, no compilation, so reloads
 * and uploads run it too: measured on 1,000 one-line rules (2 busy cores), lint 1.4-5 s beside the
 * compiler's 10-48 s, most of it Drools' parser.
 */
public final class PolicyLint {
    private static final Pattern FACTOR_CALL = Pattern.compile(
            "decision\\s*\\.\\s*(require|challenge|challengeAtLeast|enrollWith)\\s*\\(([^;]*)\\)\\s*;");
    private static final Pattern SIGNAL_NAME = Pattern.compile("signal\\s*==\\s*\"([^\"]*)\"|\\bis\\s*\\(\\s*\"([^\"]*)\"");
    private static final List<String> BUILT_IN_SIGNALS = List.of(NewDeviceSignal.NAME, ImpossibleTravelSignal.NAME,
            UntrustedIpSignal.NAME, ExternalRiskSignal.NAME);
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Org helpers that only mean something once policy.json sets the field. */
    private static final Map<String, String[]> SETTING_OF_HELPER = Map.of(
            "isAbroad", new String[] {"home_countries", "no country is abroad, so it is always false"},
            "isHomeCountry", new String[] {"home_countries", "no country is a home country, so it is always false"},
            "withinBusinessHours", new String[] {"business_hours", "every hour of every day is a business hour"},
            "localHour", new String[] {"time_zone", "the hour is UTC's"});

    private PolicyLint() {
    }

    /**
     * @param settings      the parsed policy.json (DEFAULT when absent or broken)
     * @param baselineRules names of the baseline's rules (an org rule of the same name is ambiguous), may be empty
     */
    public static List<LintFinding> check(PolicySources sources, OrgSettings settings, Set<String> baselineRules) {
        try {
            return findings(sources, settings, baselineRules);
        } catch (RuntimeException e) {
            // The lint is advice on top of the compiler and the tests: a fault of its own must never block a
            // policy or fail a request. Said once, without the exception's text.
            return List.of(new LintFinding(LintFinding.Severity.WARNING, sources.org(), 0,
                    "the lint could not read this policy; the compiler and the tests still checked it"));
        }
    }

    private static List<LintFinding> findings(PolicySources sources, OrgSettings settings, Set<String> baselineRules) {
        DrlRule.Files drl = DrlRule.parse(sources.rules());
        List<DrlRule> rules = drl.rules();
        Set<String> given = settingsGiven(sources.settings());
        String settingsFile = sources.org() + "/" + OrgSettings.FILE_NAME;
        List<LintFinding> findings = new ArrayList<>();
        for (DrlRule rule : rules) {
            factorNames(rule, settings, given.contains("factors"), findings);
            for (DrlRule.Pattern pattern : rule.patterns()) {
                Class<?> fact = factType(pattern.type());
                if (fact == null) continue;
                helperCalls(rule, pattern, fact, given, settingsFile, drl.functions(), findings);
                if (fact == dev.amfa.facts.Assessment.class) signalNames(rule, pattern, findings);
                if (FactTypes.NESTED.contains(fact) && !pattern.from()) {
                    findings.add(new LintFinding(LintFinding.Severity.WARNING, rule.file(), pattern.line(), "rule \""
                            + rule.name() + "\" can never fire: " + fact.getSimpleName() + " is not a fact of its own; match it from"
                            + " the login: `LoginContext($tx : transaction)` then `" + fact.getSimpleName() + "(...) from $tx`"));
                }
            }
        }
        names(rules, baselineRules, findings);
        shadowedRequires(rules, findings);
        findings.sort(Comparator.comparing(LintFinding::file).thenComparingInt(LintFinding::line));
        return findings;
    }

    private static Set<String> settingsGiven(String text) {
        if (text == null) return Set.of();
        try {
            return new JsonObject(OrgSettings.withoutComments(text)).fieldNames();
        } catch (RuntimeException e) {
            return Set.of(); // the settings' own error is reported by the parser
        }
    }

    /** A misspelt factor fails every evaluation the rule fires in (fail closed: challenged with everything). */
    private static void factorNames(DrlRule rule, OrgSettings settings, boolean factorsGiven, List<LintFinding> findings) {
        Matcher call = FACTOR_CALL.matcher(rule.consequence());
        while (call.find()) {
            int line = rule.consequenceLine() + (int) rule.consequence().substring(0, call.start()).chars().filter(c -> c == '\n').count();
            Matcher literal = STRING.matcher(call.group(2));
            while (literal.find()) {
                String factor = literal.group(1);
                if (!Factor.isKnown(factor)) {
                    findings.add(new LintFinding(LintFinding.Severity.ERROR, rule.file(), line, "rule \"" + rule.name() + "\": "
                            + notAFactor(factor)));
                } else if (factorsGiven && !settings.factors().contains(factor)) {
                    findings.add(new LintFinding(LintFinding.Severity.WARNING, rule.file(), line, "rule \"" + rule.name() + "\": \""
                            + factor + "\" is never offered: policy.json \"factors\" does not enable it"));
                }
            }
        }
        for (DrlRule.Pattern pattern : rule.patterns()) {
            for (String constraint : pattern.constraints()) {
                Matcher enrolled = Pattern.compile("hasEnrolled\\s*\\(\\s*\"([^\"]*)\"").matcher(constraint);
                while (enrolled.find()) {
                    if (!Factor.isKnown(enrolled.group(1))) {
                        findings.add(new LintFinding(LintFinding.Severity.ERROR, rule.file(), pattern.line(), "rule \"" + rule.name()
                                + "\": " + notAFactor(enrolled.group(1))));
                    }
                }
            }
        }
    }

    /** At run time the evaluation fails and is challenged with every enrolled factor (fail closed). */
    private static String notAFactor(String name) {
        String hint = DidYouMean.hint(name, Factor.ALL);
        return "\"" + name + "\" is not a factor" + (hint.isEmpty() ? "." : hint) + " Factors are " + String.join(", ", Factor.ALL);
    }

    /**
     * A near miss of a built-in signal's name ("UntrustedIp") matches no built-in assessment, so the rule never
     * fires; any other name may be a caller's own signal and is left alone.
     */
    private static void signalNames(DrlRule rule, DrlRule.Pattern pattern, List<LintFinding> findings) {
        for (String constraint : pattern.constraints()) {
            Matcher name = SIGNAL_NAME.matcher(constraint);
            while (name.find()) {
                String signal = name.group(1) != null ? name.group(1) : name.group(2);
                String meant = BUILT_IN_SIGNALS.contains(signal) ? null : DidYouMean.nearest(signal, BUILT_IN_SIGNALS);
                if (meant != null) {
                    findings.add(new LintFinding(LintFinding.Severity.WARNING, rule.file(), pattern.line(), "rule \"" + rule.name()
                            + "\" matches signal \"" + signal + "\", which is not a built-in signal; did you mean \"" + meant
                            + "\"? (Only a caller's own signal of that name would match.)"));
                }
            }
        }
    }

    private static Class<?> factType(String written) {
        for (Class<?> type : FactTypes.all()) {
            if (type.getSimpleName().equals(written) || type.getName().equals(written)) return type;
        }
        return null;
    }

    private static void helperCalls(DrlRule rule, DrlRule.Pattern pattern, Class<?> fact, Set<String> given,
                                    String settingsFile, Set<String> functions, List<LintFinding> findings) {
        for (String constraint : pattern.constraints()) {
            for (HelperCalls.Call call : HelperCalls.in(constraint)) {
                if (functions.contains(call.name())) continue; // a DRL function of the org's own
                List<Method> methods = Arrays.stream(fact.getMethods())
                        .filter(m -> m.getName().equals(call.name()) && !Modifier.isStatic(m.getModifiers())
                                && m.getDeclaringClass() != Object.class).toList();
                String where = "rule \"" + rule.name() + "\": ";
                if (methods.isEmpty()) {
                    List<String> helpers = helpers(fact);
                    findings.add(new LintFinding(LintFinding.Severity.ERROR, rule.file(), pattern.line(), where + "`"
                            + fact.getSimpleName() + "` has no helper `" + call.name() + "`" + DidYouMean.hint(call.name(), helpers)
                            + (helpers.isEmpty() ? "" : (DidYouMean.hint(call.name(), helpers).isEmpty() ? "." : "") + " Its helpers: " + String.join(", ", helpers))));
                    continue;
                }
                if (methods.stream().noneMatch(m -> accepts(m, call.arguments()))) {
                    Helper helper = methods.get(0).getAnnotation(Helper.class);
                    findings.add(new LintFinding(LintFinding.Severity.ERROR, rule.file(), pattern.line(), where + "`"
                            + fact.getSimpleName() + "." + call.name() + "` needs " + (helper != null ? helper.value()
                            : methods.get(0).getParameterCount() + " argument(s)") + " (it was given " + call.arguments() + ")"));
                }
                String[] setting = fact == dev.amfa.facts.Org.class ? SETTING_OF_HELPER.get(call.name()) : null;
                if (setting != null && !given.contains(setting[0])) {
                    findings.add(new LintFinding(LintFinding.Severity.WARNING, rule.file(), pattern.line(), where + "reads `Org."
                            + call.name() + "` but " + settingsFile + " sets no \"" + setting[0] + "\": " + setting[1]));
                }
            }
        }
    }

    private static boolean accepts(Method method, int arguments) {
        int parameters = method.getParameterCount();
        return method.isVarArgs() ? arguments >= parameters - 1 : arguments == parameters;
    }

    /** The annotated helpers of a fact, for "its helpers: ...". */
    private static List<String> helpers(Class<?> fact) {
        return Arrays.stream(fact.getMethods()).filter(m -> m.isAnnotationPresent(Helper.class))
                .map(Method::getName).distinct().sorted().toList();
    }

    /** Reasons and test expectations name rules: two of one name cannot be told apart (and Drools keeps one). */
    private static void names(List<DrlRule> rules, Set<String> baselineRules, List<LintFinding> findings) {
        Map<String, List<DrlRule>> byName = new LinkedHashMap<>();
        for (DrlRule rule : rules) byName.computeIfAbsent(rule.name(), n -> new ArrayList<>()).add(rule);
        byName.forEach((name, same) -> {
            if (same.size() > 1) {
                for (DrlRule rule : same.subList(1, same.size())) {
                    findings.add(new LintFinding(LintFinding.Severity.ERROR, rule.file(), rule.line(), "rule name \"" + name
                            + "\" is already used at " + same.get(0).file() + ":" + same.get(0).line()
                            + ": reasons, tests and coverage could not tell them apart"));
                }
            }
            if (baselineRules.contains(name)) {
                findings.add(new LintFinding(LintFinding.Severity.WARNING, same.get(0).file(), same.get(0).line(), "rule name \""
                        + name + "\" is also a baseline rule's: reasons and tests cannot tell them apart"));
            }
        });
    }

    /**
     * A rule's require is dead when another rule with a lower salience (so it fires later, and the last
     * require wins) also requires and matches whenever the first does: its patterns are a subset of the
     * first's. A sound but partial test: patterns are compared as written.
     */
    private static void shadowedRequires(List<DrlRule> rules, List<LintFinding> findings) {
        List<DrlRule> requiring = rules.stream().filter(r -> r.consequence().matches("(?s).*decision\\s*\\.\\s*require\\s*\\(.*")).toList();
        Map<DrlRule, Set<String>> signatures = new java.util.IdentityHashMap<>();
        Map<DrlRule, List<String>> requires = new java.util.IdentityHashMap<>();
        for (DrlRule rule : requiring) {
            signatures.put(rule, signatures(rule));
            requires.put(rule, requires(rule));
        }
        for (DrlRule shadowed : requiring) {
            Set<String> patterns = signatures.get(shadowed);
            for (DrlRule later : requiring) {
                if (later == shadowed || later.salience() >= shadowed.salience()) continue;
                if (patterns.containsAll(signatures.get(later)) && !requires.get(later).equals(requires.get(shadowed))) {
                    findings.add(new LintFinding(LintFinding.Severity.WARNING, shadowed.file(), shadowed.line(), "the require of rule \""
                            + shadowed.name() + "\" is always overridden: rule \"" + later.name() + "\" (" + later.file() + ":"
                            + later.line() + ", salience " + later.salience() + " < " + shadowed.salience()
                            + ") matches whenever it does, fires later, and the last require wins"));
                    break;
                }
            }
        }
    }

    private static Set<String> signatures(DrlRule rule) {
        Set<String> signatures = new TreeSet<>();
        rule.patterns().forEach(p -> signatures.add(p.signature()));
        return signatures;
    }

    private static List<String> requires(DrlRule rule) {
        Matcher call = FACTOR_CALL.matcher(rule.consequence());
        List<String> factors = new ArrayList<>();
        while (call.find()) {
            if (call.group(1).equals("require")) factors.add(call.group(2).replaceAll("\\s+", ""));
        }
        return factors;
    }
}
