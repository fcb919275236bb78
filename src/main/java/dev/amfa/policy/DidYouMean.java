package dev.amfa.policy;

import java.util.Collection;
import java.util.Locale;

/** The known name nearest a misspelt one, for "did you mean" in test-case keys, factor names and lint. */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** {@code ; did you mean "x"?} for a near miss, else "". */
    public static String hint(String given, Collection<String> known) {
        String nearest = nearest(given, known);
        return nearest == null ? "" : "; did you mean \"" + nearest + "\"?";
    }

    /** The known name within a third of the given one's length (at least 2 edits), or null. */
    public static String nearest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = given.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // "rulez", "absent_rule", "enrol", "timestmap": all near; "rules_not" is not (4 edits).
        if (bestDistance <= Math.max(2, given.length() / 3)) return best;
        // A name cut short: "webauthn" for "webauthn-roaming".
        return lower.length() >= 3 ? known.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(lower)).findFirst().orElse(null) : null;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
