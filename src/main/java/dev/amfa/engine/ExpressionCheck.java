package dev.amfa.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one piece of Java or MVEL code from a DRL file (a constraint, a consequence, a function body, a from
 * or an eval) token by token and reports every name {@link RuleVocabulary} does not allow. Tokens, not regular
 * expressions: comments and string literals are skipped as the compilers skip them, so {@code "System"} in a
 * string is text and {@code Sys/&#42;x*&#47;tem} is not a way around the check. Unicode escapes never get here:
 * {@link RuleSandbox} refuses them in the whole file, because Java decodes them before it even finds comments.
 */
final class ExpressionCheck {
    /** What a token is; strings, numbers and comments are already dropped. */
    private enum Kind { NAME, SYMBOL }

    private record Token(Kind kind, String text, int line) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    /** A problem at a line counted from the start of the checked text (0 = its first line). */
    record Problem(int line, String message) {
    }

    private ExpressionCheck() {
    }

    /**
     * @param declared names the code may use beside the vocabulary: bindings, locals, parameters, globals and
     *                 function names (the caller collects them with {@link #declaredNames})
     * @param functions the package's functions, callable by name
     */
    static List<Problem> check(String code, Set<String> declared, Set<String> functions) {
        List<Problem> problems = new ArrayList<>();
        List<Token> tokens = tokens(code, problems);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.SYMBOL) {
                String refused = refusedSymbol(token.text());
                if (refused != null) problems.add(new Problem(token.line(), refused));
                continue;
            }
            String name = token.text();
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
            if (isMember(tokens, i)) {
                if (call ? !RuleVocabulary.METHODS.contains(name) : !RuleVocabulary.PROPERTIES.contains(name)) {
                    problems.add(new Problem(token.line(), (call ? "method '" : "field or property '") + name
                            + "' is not on the allow-list"));
                }
                continue;
            }
            if (name.equals("matches") || name.equals("soundslike")) {
                problems.add(new Problem(token.line(), "the '" + name + "' operator is not allowed: a regular "
                        + "expression can backtrack for minutes and nothing can stop it"));
                continue;
            }
            if (name.equals("new")) {
                String type = i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.NAME ? tokens.get(i + 1).text() : "";
                if (!RuleVocabulary.FACT_TYPE_NAMES.contains(type)) {
                    problems.add(new Problem(token.line(), "'new' may only make fact-model objects, not '" + type + "'"));
                } else if (anonymousBody(tokens, i + 2)) {
                    problems.add(new Problem(token.line(), "anonymous classes are not allowed"));
                }
                i++;
                continue;
            }
            if (call) {
                if (!(RuleVocabulary.METHODS.contains(name) || functions.contains(name)
                        || RuleVocabulary.CONSEQUENCE_HELPERS.contains(name)
                        || RuleVocabulary.KEYWORDS_BEFORE_PARENTHESIS.contains(name))) {
                    problems.add(new Problem(token.line(), "'" + name + "(...)' is not on the allow-list"));
                }
                continue;
            }
            if (!(RuleVocabulary.KEYWORDS.contains(name) || RuleVocabulary.isType(name) || declared.contains(name)
                    || RuleVocabulary.PROPERTIES.contains(name) || RuleVocabulary.METHODS.contains(name))) {
                problems.add(new Problem(token.line(), "'" + name + "' is not on the allow-list (only the fact "
                        + "model, decision and java.lang string/number/math basics may be named)"));
            }
        }
        return problems;
    }

    /**
     * Names the code declares: bindings ({@code $x : score}, {@code $x := score}), typed locals
     * ({@code String s = ...}, {@code Risk r;}) and MVEL's untyped ones ({@code x = ...} at a statement's start).
     */
    static Set<String> declaredNames(String code, Set<String> into) {
        List<Token> tokens = tokens(code, new ArrayList<>());
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != Kind.NAME || isMember(tokens, i)) continue;
            Token next = tokens.get(i + 1);
            Token previous = i == 0 ? null : tokens.get(i - 1);
            boolean binding = next.is(":") && (previous == null || previous.is("(") || previous.is(","));
            boolean assigned = next.is("=") && (previous == null || previous.is(";") || previous.is("{")
                    || previous.is("}") || previous.kind() == Kind.NAME || previous.is(">") || previous.is("]"));
            boolean typedLocal = (next.is(";") || next.is(",")) && previous != null
                    && (previous.kind() == Kind.NAME && RuleVocabulary.isType(previous.text()) || previous.is(">"));
            if (binding || assigned || typedLocal) into.add(token.text());
        }
        return into;
    }

    private static boolean isMember(List<Token> tokens, int i) {
        if (i == 0) return false;
        Token previous = tokens.get(i - 1);
        // "a.b", and MVEL's null-safe "a.?b"
        return previous.is(".") || previous.is("?") && i >= 2 && tokens.get(i - 2).is(".");
    }

    /** After "new T(...)": a "{" would start an anonymous class with code of its own. */
    private static boolean anonymousBody(List<Token> tokens, int from) {
        if (from >= tokens.size() || !tokens.get(from).is("(")) return false;
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).is("(")) depth++;
            if (tokens.get(i).is(")") && --depth == 0) return i + 1 < tokens.size() && tokens.get(i + 1).is("{");
        }
        return false;
    }

    private static String refusedSymbol(String symbol) {
        return switch (symbol) {
            case "->", "::" -> "lambdas and method references are not allowed";
            case "@" -> "annotations and MVEL interceptors are not allowed in code";
            case "\\", "`" -> "'" + symbol + "' is not allowed outside a string";
            default -> null;
        };
    }

    private static List<Token> tokens(String code, List<Problem> problems) {
        List<Token> tokens = new ArrayList<>();
        int line = 0;
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (code.startsWith("//", i)) {
                while (i < n && code.charAt(i) != '\n') i++;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                line += count(code, i, stop);
                i = stop;
            } else if (code.startsWith("\"\"\"", i)) {
                problems.add(new Problem(line, "text blocks are not allowed"));
                i += 3;
            } else if (c == '"' || c == '\'') {
                int start = i;
                i++;
                while (i < n && code.charAt(i) != c && code.charAt(i) != '\n') i += code.charAt(i) == '\\' ? 2 : 1;
                i = Math.min(i + 1, n);
                line += count(code, start, i);
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '.'
                        || code.charAt(i) == '_')) i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(code.charAt(i))) i++;
                tokens.add(new Token(Kind.NAME, code.substring(start, i), line));
            } else if (code.startsWith("->", i) || code.startsWith("::", i)) {
                tokens.add(new Token(Kind.SYMBOL, code.substring(i, i + 2), line));
                i += 2;
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
                i++;
            }
        }
        return tokens;
    }

    private static int count(String code, int from, int to) {
        int lines = 0;
        for (int i = from; i < to && i < code.length(); i++) if (code.charAt(i) == '\n') lines++;
        return lines;
    }
}
