package dev.amfa.evaluation;

import dev.amfa.engine.OrgName;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one JSON object's fields, each failure an {@link InvalidInputException} naming the full
 * path of the field. {@code prefix} is the path of this object ("" at the top, "user." inside user).
 */
public final class JsonFields {
    /** Longer than any valid org name, so the name's own rule says what is wrong. */
    static final int ORG_LENGTH = 64;
    private final JsonObject json;
    private final String prefix;

    public JsonFields(JsonObject json, String prefix) {
        this.json = json;
        this.prefix = prefix;
    }

    public String path(String name) {
        return prefix + name;
    }

    /** The "org" field: required, and a valid org name (users, policies and logs are scoped by it). */
    public String requiredOrg() {
        return org(path("org"), requiredString("org", ORG_LENGTH));
    }

    /** A value that must be one of a fixed set (a result, a mode, a bucket...), or a 400 naming {@code field}. */
    public static String oneOf(String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) throw new InvalidInputException(field, "must be one of " + allowed);
        return value;
    }

    /** An org name a caller gave (in a body or a query string), or a 400 naming {@code field}. */
    public static String org(String field, String org) {
        if (!OrgName.isValid(org)) throw new InvalidInputException(field, "must be " + OrgName.rule());
        return org;
    }

    public String requiredString(String name, int maxLength) {
        String value = optionalString(name, maxLength);
        if (value == null) throw new InvalidInputException(path(name), "is required");
        return value;
    }

    public String optionalString(String name, int maxLength) {
        Object value = json.getValue(name);
        if (value == null) return null;
        if (!(value instanceof String text)) throw wrongType(name, "a string", value);
        if (text.isBlank()) throw new InvalidInputException(path(name), "must not be empty");
        if (text.length() > maxLength) {
            throw new InvalidInputException(path(name), "must be at most " + maxLength + " characters");
        }
        return InputLimits.text(path(name), text);
    }

    /** An id ({@link InputLimits#id}): required. */
    public String requiredId(String name) {
        String value = optionalId(name);
        if (value == null) throw new InvalidInputException(path(name), "is required");
        return value;
    }

    /** An id ({@link InputLimits#id}), or null when absent. */
    public String optionalId(String name) {
        String value = optionalString(name, InputLimits.ID_LENGTH);
        return value == null ? null : InputLimits.id(path(name), value);
    }

    /** A free-form object ({@link InputLimits#freeForm}) as a map, empty when absent. */
    public Map<String, Object> freeForm(String name, int maxSize) {
        JsonFields object = optionalObject(name);
        return object == null ? Map.of() : InputLimits.freeForm(path(name), object.json, maxSize).getMap();
    }

    public JsonFields optionalObject(String name) {
        Object value = json.getValue(name);
        if (value == null) return null;
        if (!(value instanceof JsonObject object)) throw wrongType(name, "an object", value);
        return new JsonFields(object, path(name) + ".");
    }

    public JsonFields requiredObject(String name) {
        JsonFields object = optionalObject(name);
        if (object == null) throw new InvalidInputException(path(name), "is required");
        return object;
    }

    public List<String> stringList(String name, int maxItems, int maxLength) {
        Object value = json.getValue(name);
        if (value == null) return List.of();
        if (!(value instanceof JsonArray array)) throw wrongType(name, "an array of strings", value);
        if (array.size() > maxItems) throw new InvalidInputException(path(name), "must have at most " + maxItems + " items");
        List<String> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            if (!(item instanceof String text) || text.isBlank()) {
                throw new InvalidInputException(path(name) + "[" + i + "]", "must be a non-empty string");
            }
            if (text.length() > maxLength) {
                throw new InvalidInputException(path(name) + "[" + i + "]", "must be at most " + maxLength + " characters");
            }
            items.add(InputLimits.text(path(name) + "[" + i + "]", text));
        }
        return items;
    }

    public JsonObject json() {
        return json;
    }

    public boolean has(String name) {
        return json.getValue(name) != null;
    }

    public Integer optionalInteger(String name, int min, int max) {
        Number number = optionalNumber(name);
        if (number == null) return null;
        if (number.doubleValue() != Math.rint(number.doubleValue()) || number.doubleValue() < min
                || number.doubleValue() > max) {
            throw new InvalidInputException(path(name), "must be a whole number from " + min + " to " + max);
        }
        return number.intValue();
    }

    public Number optionalNumber(String name) {
        Object value = json.getValue(name);
        if (value == null) return null;
        if (!(value instanceof Number number)) throw wrongType(name, "a number", value);
        return number;
    }

    /** ISO-8601 with an offset or Z, e.g. 2026-11-23T09:00:00Z. */
    public Instant optionalTimestamp(String name) {
        String text = optionalString(name, 64);
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(path(name),
                    "must be an ISO-8601 timestamp with an offset, e.g. 2026-11-23T09:00:00Z");
        }
    }

    private InvalidInputException wrongType(String name, String expected, Object actual) {
        String got = actual instanceof JsonObject ? "an object" : actual instanceof JsonArray ? "an array"
                : actual instanceof String ? "a string" : actual instanceof Number ? "a number"
                : actual instanceof Boolean ? "a boolean" : "something else";
        return new InvalidInputException(path(name), "must be " + expected + ", got " + got);
    }
}
