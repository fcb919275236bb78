package dev.amfa.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** One rule that fired, in which rule set, and the facts it matched: the explanation of a decision. */
public record FiredRule(String ruleSet, String rule, List<Object> facts) {

    public JsonObject toJson() {
        JsonArray matched = new JsonArray();
        facts.forEach(f -> matched.add(String.valueOf(f)));
        return new JsonObject().put("rule_set", ruleSet).put("rule", rule).put("facts", matched);
    }
}
