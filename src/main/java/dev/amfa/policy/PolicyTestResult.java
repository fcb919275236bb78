package dev.amfa.policy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** How one policy test case went: passed, or each way the decision differed from what was expected. */
public record PolicyTestResult(String file, String name, List<String> differences, List<String> fired) {

    public boolean passed() {
        return differences.isEmpty();
    }

    public JsonObject toJson() {
        return new JsonObject().put("file", file).put("name", name).put("passed", passed())
                .put("differences", new JsonArray(differences)).put("fired", new JsonArray(fired));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder((passed() ? "PASS " : "FAIL ") + file + ": " + name);
        for (String difference : differences) text.append("\n    ").append(difference);
        if (!passed()) text.append("\n    rules fired: ").append(fired);
        return text.toString();
    }
}
