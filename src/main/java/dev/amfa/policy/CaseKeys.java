package dev.amfa.policy;

import dev.amfa.evaluation.InvalidInputException;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys a policy test case may have, at every level. A key the runner does not read is rejected rather
 * than ignored: {@code "rules_not": [...]} beside {@code "action"} used to pass although the rule it named
 * fired, an assertion that silently asserted nothing.
 */
final class CaseKeys {
    /** A value whose keys are the author's own (user attributes, signal details): anything goes. */
    private static final Node FREE = new Node(null, null);

    private static final Node SIGNAL = object(entries("confidence", FREE, "code", FREE, "details", FREE));
    private static final Node REQUEST = object(entries(
            "org", FREE, "ip", FREE, "user_agent", FREE, "timestamp", FREE, "flow", FREE, "application", FREE,
            "user", object(entries("id", FREE, "email", FREE, "roles", FREE, "attributes", FREE, "enrolled_factors", FREE)),
            "device", object(entries("id", FREE, "fingerprint", FREE)),
            "transaction", object(entries("type", FREE, "amount", FREE, "currency", FREE)),
            "mfa_session", object(entries("factors", FREE)),
            "signals", mapOf(SIGNAL)));
    static final List<String> EXPECT_KEYS = List.of(
            "action", "decided", "factors", "absent_factors", "enroll", "rules", "absent_rules", "evaluated");
    private static final Node CASE = object(entries(
            "name", FREE, "request", REQUEST, "assume", mapOf(SIGNAL),
            "geo", object(entries("country", FREE, "region", FREE, "city", FREE, "latitude", FREE, "longitude", FREE,
                    "accuracy_radius_km", FREE, "time_zone", FREE)),
            "recent_failures", FREE,
            "expect", object(EXPECT_KEYS.stream().collect(LinkedHashMap::new, (m, k) -> m.put(k, FREE), Map::putAll))));

    /** Words that mean "must not": "rules_not", "never_rules", "not_factors" mean the absent_ keys. */
    private static final String ABSENT = "absent_";
    private static final List<String> NEGATIONS = List.of("not", "no", "never", "without", "exclude", "excluded", "none", "absent");

    /** The keys of a test case, top level: for the docs test. */
    static List<String> caseKeys() {
        return List.copyOf(CASE.keys.keySet());
    }

    private CaseKeys() {
    }

    /**
     * @param prefix the case's path in its file ("" or "[3].")
     * @param name   the case's name, for the message (null when it has none yet)
     */
    static void check(JsonObject json, String prefix, String name) {
        check(CASE, json, prefix, name);
    }

    private static void check(Node node, JsonObject json, String path, String name) {
        if (node == FREE) return;
        for (String key : json.fieldNames()) {
            Node child = node.keys == null ? node.each : node.keys.get(key);
            if (child == null) {
                String inside = path.replaceFirst("^\\[\\d+]\\.", "");
                String where = inside.isEmpty() ? "a test case" : "\"" + inside.substring(0, inside.length() - 1) + "\"";
                throw new InvalidInputException(path + key, "is not a key of " + where
                        + (name == null ? "" : " (case \"" + name + "\")") + suggestion(key, node.keys.keySet().stream().toList())
                        + "; known: " + String.join(", ", node.keys.keySet()));
            }
            if (json.getValue(key) instanceof JsonObject inner) check(child, inner, path + key + ".", name);
        }
    }

    /** Did you mean: a typo of a known key, or a negation of one ("rules_not": "absent_rules"). */
    private static String suggestion(String key, List<String> known) {
        String typo = DidYouMean.hint(key, known);
        if (!typo.isEmpty()) return typo;
        List<String> words = List.of(key.toLowerCase(Locale.ROOT).split("[_\\-]"));
        if (words.stream().noneMatch(NEGATIONS::contains)) return "";
        for (String candidate : known) {
            if (candidate.startsWith(ABSENT) && words.stream().anyMatch(w -> w.length() >= 4 && candidate.startsWith(w, ABSENT.length()))) {
                return "; did you mean \"" + candidate + "\"?";
            }
        }
        return "";
    }

    private static Node object(Map<String, Node> keys) {
        return new Node(keys, null);
    }

    /** An object whose keys are names (signals), each value of the same shape. */
    private static Node mapOf(Node each) {
        return new Node(null, each);
    }

    private static Map<String, Node> entries(Object... pairs) {
        Map<String, Node> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], (Node) pairs[i + 1]);
        return map;
    }

    /** Either fixed keys, or any key with each value shaped as {@code each}; FREE has neither. */
    private record Node(Map<String, Node> keys, Node each) {
    }
}
