package dev.amfa.evaluation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * The one place for what a caller's text and JSON may hold, for every endpoint: every string (NUL and unpaired
 * surrogates refused: PostgreSQL's text and jsonb cannot hold them, and one such row used to stop the decision
 * log's batch for good), identifiers (ids in bodies and paths), and the free-form objects a caller fills as it
 * likes (user.attributes, a signal's details), which are kept whole in the decision log and read back by replays.
 * Each refusal is an {@link InvalidInputException} naming the field's path.
 */
public final class InputLimits {
    /** Ids everywhere: user, device, evaluation, challenge, email, role, application; in a body or a path. */
    public static final int ID_LENGTH = 256;
    /** Free text: a user agent, a feedback note. */
    public static final int TEXT_LENGTH = 2048;
    /**
     * Nesting of any request body (the top object is 1). Deep enough for an admin upload's test cases (a case's
     * request and details sit ~12 deep); the free-form objects below have a tighter rule of their own.
     * Every reader of the JSON (the decision writer's jsonb, the SIEM copy) recurses: 1,000 levels overflowed
     * the writer's stack.
     */
    public static final int BODY_DEPTH = 32;

    /** Free-form objects: containers nested below the field itself (the field's own object is 1). */
    public static final int FREE_FORM_DEPTH = 5;
    /** Entries of one free-form object or array. */
    public static final int FREE_FORM_ENTRIES = 64;
    public static final int FREE_FORM_KEY_LENGTH = 128;
    public static final int FREE_FORM_STRING_LENGTH = 1024;
    /**
     * Encoded size (estimated: characters plus punctuation) of user.attributes. Every decision keeps them:
     * the in-memory log held 3.45 GB live after 64 KB attributes at 200 connections.
     */
    public static final int ATTRIBUTES_SIZE = 8 * 1024;
    /** Encoded size of one signal's details. */
    public static final int DETAILS_SIZE = 4 * 1024;

    private InputLimits() {
    }

    /** Any string a caller sends (a value or a key): no NUL, no unpaired surrogate. */
    public static String text(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) throw new InvalidInputException(field, "must not contain NUL (\\u0000)");
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidInputException(field, "must not contain an unpaired surrogate (\\u"
                        + Integer.toHexString(c) + ")");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidInputException(field, "must not contain an unpaired surrogate (\\u"
                        + Integer.toHexString(c) + ")");
            }
        }
        return text;
    }

    /** An id: 1 to {@link #ID_LENGTH} characters, not blank, no control characters (nor what {@link #text} refuses). */
    public static String id(String field, String id) {
        if (id == null || id.isBlank()) throw new InvalidInputException(field, "must not be empty");
        if (id.length() > ID_LENGTH) throw new InvalidInputException(field, "must be at most " + ID_LENGTH + " characters");
        text(field, id);
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                throw new InvalidInputException(field, "must not contain control characters");
            }
        }
        return id;
    }

    /** Query parameters read through this are ids ({@link #id}) or absent: a NUL in ?user= must not reach a store. */
    public static java.util.function.Function<String, String> idParams(java.util.function.Function<String, String> param) {
        return name -> {
            String value = param.apply(name);
            return value == null ? null : id(name, value);
        };
    }

    /**
     * A free-form object (user.attributes, a signal's details): at most {@link #FREE_FORM_DEPTH} containers deep,
     * {@link #FREE_FORM_ENTRIES} entries each, keys and strings bounded, and {@code maxSize} in all.
     */
    public static JsonObject freeForm(String field, JsonObject object, int maxSize) {
        long size = walk(field, object, 1);
        if (size > maxSize) {
            throw new InvalidInputException(field, "must be at most " + maxSize + " bytes of JSON (about " + size + ")");
        }
        return object;
    }

    /** The estimated encoded size of {@code value}, refusing what breaks a rule on the way. */
    private static long walk(String path, Object value, int depth) {
        if (value instanceof JsonObject || value instanceof Map<?, ?> || value instanceof JsonArray || value instanceof List<?>) {
            if (depth > FREE_FORM_DEPTH) {
                throw new InvalidInputException(path, "nests too deep: at most " + FREE_FORM_DEPTH + " levels of objects and arrays");
            }
        }
        if (value instanceof JsonObject object) return walkObject(path, object.getMap(), depth);
        if (value instanceof Map<?, ?> map) return walkObject(path, map, depth);
        if (value instanceof JsonArray array) return walkArray(path, array.getList(), depth);
        if (value instanceof List<?> list) return walkArray(path, list, depth);
        if (value instanceof String text) {
            if (text.length() > FREE_FORM_STRING_LENGTH) {
                throw new InvalidInputException(path, "must be at most " + FREE_FORM_STRING_LENGTH + " characters");
            }
            text(path, text);
            return text.length() + 2L;
        }
        return value == null ? 4 : String.valueOf(value).length();
    }

    private static long walkObject(String path, Map<?, ?> map, int depth) {
        if (map.size() > FREE_FORM_ENTRIES) throw new InvalidInputException(path, "must have at most " + FREE_FORM_ENTRIES + " entries");
        long size = 2;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String child = path + "." + key;
            if (key.length() > FREE_FORM_KEY_LENGTH) {
                throw new InvalidInputException(child, "a key must be at most " + FREE_FORM_KEY_LENGTH + " characters");
            }
            text(child, key);
            size += key.length() + 4 + walk(child, e.getValue(), depth + 1);
        }
        return size;
    }

    private static long walkArray(String path, List<?> list, int depth) {
        if (list.size() > FREE_FORM_ENTRIES) throw new InvalidInputException(path, "must have at most " + FREE_FORM_ENTRIES + " items");
        long size = 2;
        for (int i = 0; i < list.size(); i++) size += 1 + walk(path + "[" + i + "]", list.get(i), depth + 1);
        return size;
    }
}
