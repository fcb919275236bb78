package dev.amfa.engine;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks DRL before it is compiled, so that a policy cannot run code the service did not give it: imports,
 * globals, functions, patterns, constraints, froms, accumulates, evals and consequences may use only the names of
 * {@link RuleVocabulary}. The check reads the files with Drools' own parser, so it sees the same rules, constraints
 * and consequences the compiler will; the code inside them is read token by token by {@link ExpressionCheck}.
 * Everything it does not know is refused, so a DRL feature added to Drools later is closed until it is reviewed.
 * It runs before compiling because the compilers themselves evaluate code (MVEL folds constant expressions).
 * Syntax errors are left to the compiler, which reports them with columns.
 */
final class RuleSandbox {
    private RuleSandbox() {
    }

    static List<CompileError> check(List<RuleSource> sources) {
        List<CompileError> errors = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        Set<String> functions = new HashSet<>();
        for (RuleSource source : sources) {
            int before = errors.size();
            rawText(source, errors);
            if (errors.size() > before) continue;
            DrlParser parser = new DrlParser();
            PackageDescr pkg;
            try {
                pkg = parser.parse(false, source.drl());
            } catch (DroolsParserException | RuntimeException e) {
                errors.add(new CompileError(source.path(), 0, 0, "cannot be parsed: " + e.getMessage()));
                continue;
            }
            // What cannot be parsed cannot be checked: it is refused here, as the compiler would refuse it.
            for (DroolsError error : parser.getErrors()) errors.add(parseError(source, error));
            if (pkg == null || parser.hasErrors()) continue;
            pkg.getFunctions().forEach(f -> functions.add(f.getName()));
            parsed.add(new Parsed(source, pkg));
        }
        for (Parsed file : parsed) new FileCheck(file.source(), functions, errors).check(file.pkg());
        return errors;
    }

    private static CompileError parseError(RuleSource source, DroolsError error) {
        int line = error instanceof ParserError parserError ? parserError.getRow() : 0;
        int column = error instanceof ParserError parserError ? parserError.getCol() : 0;
        if (line <= 0 && error.getLines() != null && error.getLines().length > 0) line = error.getLines()[0];
        return new CompileError(source.path(), Math.max(line, 0), Math.max(column, 0), error.getMessage().strip());
    }

    private record Parsed(RuleSource source, PackageDescr pkg) {
    }

    /**
     * Java turns a unicode escape into its character before it looks for comments or strings, so
     * {@code // \u000a System.exit(0);} is code and {@code \u0053ystem} is System. Characters the Java compiler
     * ignores inside names are refused for the same reason. Authors write the characters themselves.
     */
    private static void rawText(RuleSource source, List<CompileError> errors) {
        String drl = source.drl();
        int line = 1;
        for (int i = 0; i < drl.length(); i++) {
            char c = drl.charAt(i);
            if (c == '\n') line++;
            if (c == '\\' && i + 1 < drl.length() && drl.charAt(i + 1) == 'u') {
                errors.add(new CompileError(source.path(), line, 0,
                        "unicode escapes (\\u...) are not allowed: write the character itself"));
                return;
            }
            if (Character.isIdentifierIgnorable(c) || Character.getType(c) == Character.FORMAT) {
                errors.add(new CompileError(source.path(), line, 0, String.format(
                        "invisible or control character U+%04X is not allowed", (int) c)));
                return;
            }
        }
    }

    /** One file's check: where its code starts, what it declares, and the errors it adds. */
    private static final class FileCheck {
        private final RuleSource source;
        private final Set<String> functions;
        private final List<CompileError> errors;
        private final Set<String> globals = new HashSet<>();

        FileCheck(RuleSource source, Set<String> functions, List<CompileError> errors) {
            this.source = source;
            this.functions = functions;
            this.errors = errors;
        }

        void check(PackageDescr pkg) {
            for (ImportDescr imported : pkg.getImports()) {
                String target = imported.getTarget();
                if (!(target.equals(RuleVocabulary.FACTS_PACKAGE + ".*") || RuleVocabulary.isFactType(target))) {
                    error(imported, "import " + target + " is not allowed: only " + RuleVocabulary.FACTS_PACKAGE
                            + ".* and its classes may be imported");
                }
            }
            pkg.getFunctionImports().forEach(f -> error(f, "import function is not allowed"));
            pkg.getAccumulateImports().forEach(a -> error(a, "import accumulate is not allowed"));
            pkg.getTypeDeclarations().forEach(t -> error(t, "declare is not allowed: use the fact model"));
            pkg.getEnumDeclarations().forEach(t -> error(t, "declare enum is not allowed: use the fact model"));
            pkg.getEntryPointDeclarations().forEach(t -> error(t, "entry points are not allowed"));
            pkg.getWindowDeclarations().forEach(t -> error(t, "windows are not allowed"));
            if (pkg.getUnit() != null) error(pkg.getUnit(), "rule units are not allowed");
            for (GlobalDescr global : pkg.getGlobals()) {
                if (!global.getIdentifier().equals(RuleCompiler.DECISION_GLOBAL) || !isDecision(global.getType())) {
                    error(global, "only 'global Decision decision;' is allowed, not 'global " + global.getType()
                            + " " + global.getIdentifier() + "'");
                }
                globals.add(global.getIdentifier());
            }
            pkg.getAttributes().forEach(this::attribute);
            pkg.getFunctions().forEach(this::function);
            for (RuleDescr rule : pkg.getRules()) rule(rule);
        }

        private static boolean isDecision(String type) {
            return type.equals("Decision") || type.equals(RuleVocabulary.FACTS_PACKAGE + ".Decision");
        }

        /**
         * A function may not call functions, itself included: without recursion (and without loops, which are not
         * on the allow-list) every function ends after a number of steps its text bounds.
         */
        private void function(FunctionDescr function) {
            if (RuleVocabulary.METHODS.contains(function.getName())
                    || RuleVocabulary.CONSEQUENCE_HELPERS.contains(function.getName())) {
                // its body could then call itself under the allowed method's name
                error(function, "function " + function.getName() + ": the name of an allowed method cannot be reused");
            }
            List<String> types = new ArrayList<>(function.getParameterTypes());
            types.add(function.getReturnType());
            for (String type : types) {
                if (!simpleType(type)) error(function, "function " + function.getName() + ": type '" + type + "' is not allowed");
            }
            Set<String> declared = new HashSet<>(function.getParameterNames());
            declared.addAll(globals);
            code(function.getBody(), function.getLine(), declared, Set.of(), "function " + function.getName());
        }

        private boolean simpleType(String type) {
            String bare = type == null ? "void" : type.replace("[]", "").strip();
            return RuleVocabulary.KEYWORDS.contains(bare) || RuleVocabulary.isType(bare) || RuleVocabulary.isFactType(bare);
        }

        private void rule(RuleDescr rule) {
            String what = "rule \"" + rule.getName() + "\"";
            if (rule instanceof QueryDescr) {
                error(rule, "queries are not allowed");
                return;
            }
            rule.getAttributes().values().forEach(this::attribute);
            if (!rule.getNamedConsequences().isEmpty()) error(rule, what + ": named consequences are not allowed");
            Set<String> declared = new HashSet<>(globals);
            collectDeclared(rule.getLhs(), declared);
            if (rule.getConsequence() instanceof String consequence) ExpressionCheck.declaredNames(consequence, declared);
            lhs(rule.getLhs(), declared, what);
            if (rule.getConsequence() instanceof String consequence) {
                code(consequence, rule.getConsequenceLine(), declared, functions, what);
            } else if (rule.getConsequence() != null) {
                error(rule, what + ": this consequence is not allowed");
            }
        }

        private void attribute(AttributeDescr attribute) {
            if (!RuleVocabulary.RULE_ATTRIBUTES.contains(attribute.getName())) {
                error(attribute, "attribute '" + attribute.getName() + "' is not allowed");
            } else if (attribute.getType() == AttributeDescr.Type.EXPRESSION) {
                code(attribute.getValue(), attribute.getLine(), globals, functions, "attribute " + attribute.getName());
            }
        }

        /** Bindings from every pattern of the rule, so a later pattern or the consequence may use them. */
        private void collectDeclared(BaseDescr descr, Set<String> declared) {
            if (descr instanceof PatternDescr pattern) {
                if (pattern.getIdentifier() != null) declared.add(pattern.getIdentifier());
                for (BaseDescr constraint : pattern.getDescrs()) {
                    if (constraint instanceof ExprConstraintDescr expr) ExpressionCheck.declaredNames(expr.getExpression(), declared);
                }
                if (pattern.getSource() != null) collectDeclared(pattern.getSource(), declared);
            } else if (descr instanceof AccumulateDescr accumulate) {
                for (var call : accumulate.getFunctions()) if (call.getBind() != null) declared.add(call.getBind());
                if (accumulate.getInput() != null) collectDeclared(accumulate.getInput(), declared);
            } else if (descr instanceof CollectDescr collect) {
                collectDeclared(collect.getInputPattern(), declared);
            } else if (descr instanceof AndDescr || descr instanceof OrDescr || descr instanceof NotDescr
                    || descr instanceof ExistsDescr || descr instanceof ForallDescr) {
                for (Object child : ((org.drools.drl.ast.descr.ConditionalElementDescr) descr).getDescrs()) {
                    collectDeclared((BaseDescr) child, declared);
                }
            }
        }

        private void lhs(BaseDescr descr, Set<String> declared, String what) {
            if (descr instanceof PatternDescr pattern) {
                String type = pattern.getObjectType();
                if (type == null || !(RuleVocabulary.isFactType(type) || RuleVocabulary.JAVA_LANG_TYPES.contains(type))) {
                    error(pattern, what + ": pattern type '" + type + "' is not in the fact model");
                }
                for (BaseDescr constraint : pattern.getDescrs()) {
                    if (constraint instanceof ExprConstraintDescr expr) {
                        code(expr.getExpression(), expr.getLine(), declared, functions, what);
                    } else {
                        error(constraint, what + ": this kind of constraint is not allowed");
                    }
                }
                if (pattern.getSource() != null) lhs(pattern.getSource(), declared, what);
            } else if (descr instanceof FromDescr from) {
                code(from.getExpression(), lineOr(from, descr), declared, functions, what + " (from)");
            } else if (descr instanceof AccumulateDescr accumulate) {
                if (!accumulate.isExternalFunction() || accumulate.getInitCode() != null
                        || accumulate.getActionCode() != null || accumulate.getReverseCode() != null
                        || accumulate.getResultCode() != null) {
                    error(accumulate, what + ": accumulate with code of its own is not allowed, only "
                            + RuleVocabulary.ACCUMULATE_FUNCTIONS);
                }
                for (var call : accumulate.getFunctions()) {
                    if (!RuleVocabulary.ACCUMULATE_FUNCTIONS.contains(call.getFunction())) {
                        error(accumulate, what + ": accumulate function '" + call.getFunction() + "' is not allowed");
                    }
                    for (String param : call.getParams()) code(param, accumulate.getLine(), declared, functions, what);
                }
                if (accumulate.getInput() != null) lhs(accumulate.getInput(), declared, what);
            } else if (descr instanceof CollectDescr collect) {
                lhs(collect.getInputPattern(), declared, what);
            } else if (descr instanceof EvalDescr eval) {
                code(String.valueOf(eval.getContent()), eval.getLine(), declared, functions, what + " (eval)");
            } else if (descr instanceof EntryPointDescr) {
                // "from entry-point": only names a stream, runs nothing
            } else if (descr instanceof AndDescr || descr instanceof OrDescr || descr instanceof NotDescr
                    || descr instanceof ExistsDescr || descr instanceof ForallDescr) {
                for (Object child : ((org.drools.drl.ast.descr.ConditionalElementDescr) descr).getDescrs()) {
                    lhs((BaseDescr) child, declared, what);
                }
            } else {
                error(descr, what + ": '" + descr.getClass().getSimpleName().replace("Descr", "")
                        + "' is not allowed in a policy");
            }
        }

        private static int lineOr(BaseDescr descr, BaseDescr fallback) {
            return descr.getLine() > 0 ? descr.getLine() : fallback.getLine();
        }

        /** Checks code that starts at or after {@code near}; errors name the line in the file. */
        private void code(String text, int near, Set<String> declared, Set<String> callable, String what) {
            if (text == null || text.isBlank()) return;
            int first = firstLine(text, near);
            for (ExpressionCheck.Problem problem : ExpressionCheck.check(text, declared, callable)) {
                errors.add(new CompileError(source.path(), first + problem.line(), 0, what + ": " + problem.message()));
            }
        }

        /** The line the code starts on: the parser gives the line of its rule part, the code may start below. */
        private int firstLine(String text, int near) {
            String drl = source.drl();
            int from = 0;
            for (int line = 1; line < near && from >= 0; line++) from = drl.indexOf('\n', from) + 1;
            if (from < 0) from = 0;
            int at = drl.indexOf(text.strip(), from);
            if (at < 0) return Math.max(near, 1);
            int line = 1;
            for (int i = 0; i < at; i++) if (drl.charAt(i) == '\n') line++;
            return line;
        }

        private void error(BaseDescr where, String message) {
            errors.add(new CompileError(source.path(), Math.max(where.getLine(), 0), Math.max(where.getColumn(), 0), message));
        }
    }
}
