package dev.amfa.policy.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The method calls at the top of a constraint's text, "!withinBusinessHours()" is one call of no arguments. */
final class HelperCalls {
    /** DRL operators written like calls: "currency not in(...)", "x memberOf(...)". */
    private static final Set<String> OPERATORS = Set.of("in", "not", "contains", "matches", "memberOf", "excludes",
            "soundslike", "str", "after", "before", "this");

    record Call(String name, int arguments) {
    }

    private HelperCalls() {
    }

    /** Calls not on an object ("$tx.getAmount()" is left to the compiler), with their top-level argument count. */
    static List<Call> in(String constraint) {
        List<Call> calls = new ArrayList<>();
        int i = 0;
        while (i < constraint.length()) {
            char c = constraint.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipString(constraint, i);
                continue;
            }
            if (Character.isJavaIdentifierStart(c) && c != '$' && (i == 0 || !isPartOfName(constraint.charAt(i - 1)))) {
                int end = i;
                while (end < constraint.length() && Character.isJavaIdentifierPart(constraint.charAt(end))) end++;
                String name = constraint.substring(i, end);
                int open = end;
                while (open < constraint.length() && constraint.charAt(open) == ' ') open++;
                if (open < constraint.length() && constraint.charAt(open) == '(' && !OPERATORS.contains(name)
                        && Character.isLowerCase(name.charAt(0))) {
                    calls.add(new Call(name, arguments(constraint, open)));
                }
                i = end;
                continue;
            }
            i++;
        }
        return calls;
    }

    private static boolean isPartOfName(char before) {
        return Character.isJavaIdentifierPart(before) || before == '.';
    }

    /** Top-level commas + 1 between the parenthesis at {@code open} and its match; 0 for "()". */
    private static int arguments(String text, int open) {
        int depth = 0;
        int commas = 0;
        boolean any = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipString(text, i) - 1;
                any = true;
            } else if (c == '(' || c == '[' || c == '{') {
                if (depth++ > 0) any = true;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) return any ? commas + 1 : 0;
            } else if (c == ',' && depth == 1) {
                commas++;
            } else if (!Character.isWhitespace(c) && depth >= 1) {
                any = true;
            }
        }
        return any ? commas + 1 : 0;
    }

    /** The index after the closing quote. */
    private static int skipString(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) i += text.charAt(i) == '\\' ? 2 : 1;
        return Math.min(i + 1, text.length());
    }
}
