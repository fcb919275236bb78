package dev.amfa.policy.lint;

import dev.amfa.engine.RuleSource;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule as written, from Drools' own parser (no compilation): what the lint reads. A file the parser
 * cannot read gives no rules; the compiler reports it.
 *
 * @param salience  the rule's salience, 0 when absent or not a plain number
 * @param consequence     the consequence's text, stripped; it starts on {@code consequenceLine}
 * @param patterns  every pattern of the condition, at any depth (inside not, or, exists too)
 */
record DrlRule(String file, int line, String name, int salience, List<Pattern> patterns, String consequence,
               int consequenceLine) {

    /**
     * @param type        the class as written ("Org", "dev.amfa.facts.Org")
     * @param constraints each constraint's text, e.g. "!withinBusinessHours()"
     * @param from        true for {@code ... from $x}
     * @param negated     inside a {@code not}
     */
    record Pattern(String type, List<String> constraints, boolean from, boolean negated, int line) {
        /** The pattern as a set element: two rules with the same signature match the same facts. */
        String signature() {
            return (negated ? "not " : "") + type.substring(type.lastIndexOf('.') + 1) + constraints.stream()
                    .map(c -> c.replaceAll("\\s+", "")).sorted().toList() + (from ? " from" : "");
        }
    }

    /** An org's DRL as the lint reads it: its rules, and the functions its files declare (callable in constraints). */
    record Files(List<DrlRule> rules, java.util.Set<String> functions) {
    }

    static Files parse(List<RuleSource> sources) {
        List<DrlRule> rules = new ArrayList<>();
        java.util.Set<String> functions = new java.util.HashSet<>();
        for (RuleSource source : sources.stream().sorted(java.util.Comparator.comparing(RuleSource::path)).toList()) {
            PackageDescr pkg;
            try {
                DrlParser parser = new DrlParser();
                pkg = parser.parse(false, source.drl());
                if (pkg == null || parser.hasErrors()) continue;
            } catch (DroolsParserException | RuntimeException e) {
                continue;
            }
            pkg.getFunctions().forEach(function -> functions.add(function.getName()));
            for (RuleDescr rule : pkg.getRules()) {
                List<Pattern> patterns = new ArrayList<>();
                collect(rule.getLhs(), false, patterns);
                String consequence = rule.getConsequence() == null ? "" : rule.getConsequence().toString().strip();
                rules.add(new DrlRule(source.path(), rule.getLine(), rule.getName(), salience(rule), patterns,
                        consequence, lineOf(source.drl(), consequence, rule.getConsequenceLine())));
            }
        }
        return new Files(rules, functions);
    }

    /**
     * The line the consequence's text starts on: Drools gives the line of "then", and the text may start on
     * it or on the next.
     */
    private static int lineOf(String drl, String consequence, int thenLine) {
        if (consequence.isEmpty() || thenLine <= 0) return thenLine;
        int from = 0;
        for (int line = 1; line < thenLine && from >= 0; line++) from = drl.indexOf('\n', from) + 1;
        int at = drl.indexOf(consequence.lines().findFirst().orElse(""), Math.max(from, 0));
        return at < 0 ? thenLine : (int) drl.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static int salience(RuleDescr rule) {
        AttributeDescr salience = rule.getAttributes().get("salience");
        if (salience == null) return 0;
        try {
            return Integer.parseInt(salience.getValue().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void collect(BaseDescr descr, boolean negated, List<Pattern> into) {
        if (descr == null) return;
        if (descr instanceof PatternDescr pattern) {
            List<String> constraints = new ArrayList<>();
            if (pattern.getConstraint() != null) {
                for (BaseDescr c : pattern.getConstraint().getDescrs()) {
                    if (c instanceof ExprConstraintDescr expr) constraints.add(expr.getExpression());
                }
            }
            into.add(new Pattern(pattern.getObjectType(), constraints, pattern.getSource() != null, negated, pattern.getLine()));
        } else if (descr instanceof ConditionalElementDescr element) {
            for (BaseDescr child : element.getDescrs()) collect(child, negated || descr instanceof NotDescr, into);
        }
    }
}
