package dev.amfa.http;

import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.policy.OrgSettings;
import dev.amfa.policy.PolicySources;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The body of PUT /v1/admin/policies/{org}: the same files an org folder holds, as JSON.
 * <pre>{"rules": {"geo.drl": "package ..."}, "settings": {...policy.json...}, "tests": {"geo.json": [...]}}</pre>
 */
final class PolicyUploads {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private PolicyUploads() {
    }

    static PolicySources parse(String org, JsonObject body) {
        Map<String, String> files = new TreeMap<>();
        JsonObject rules = object(body, "rules");
        if (rules != null) {
            rules.forEach(rule -> {
                String field = "rules." + rule.getKey();
                if (!FILE_NAME.matcher(rule.getKey()).matches() || !rule.getKey().endsWith(".drl")) {
                    throw new InvalidInputException(field, "must be a file name ending in .drl");
                }
                if (!(rule.getValue() instanceof String drl)) throw new InvalidInputException(field, "must be the DRL text");
                files.put(rule.getKey(), drl);
            });
        }
        JsonObject settings = object(body, "settings");
        if (settings != null) files.put(OrgSettings.FILE_NAME, settings.encode());
        JsonObject tests = object(body, "tests");
        if (tests != null) {
            tests.forEach(test -> {
                String field = "tests." + test.getKey();
                if (!FILE_NAME.matcher(test.getKey()).matches() || !test.getKey().endsWith(".json")) {
                    throw new InvalidInputException(field, "must be a file name ending in .json");
                }
                Object cases = test.getValue();
                if (!(cases instanceof JsonObject) && !(cases instanceof io.vertx.core.json.JsonArray)) {
                    throw new InvalidInputException(field, "must be a test case object or an array of them");
                }
                files.put(PolicySources.TESTS + test.getKey(), cases instanceof JsonObject o ? o.encode()
                        : ((io.vertx.core.json.JsonArray) cases).encode());
            });
        }
        if (files.isEmpty()) throw new InvalidInputException(null, "the body must hold rules, settings or tests");
        return new PolicySources(org, files);
    }

    private static JsonObject object(JsonObject body, String name) {
        Object value = body.getValue(name);
        if (value == null) return null;
        if (!(value instanceof JsonObject object)) throw new InvalidInputException(name, "must be an object");
        return object;
    }
}
