package dev.amfa.policy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** What one reload did, rule set by rule set: activated, removed, or rejected with the reasons. */
public final class ReloadReport {
    private final JsonArray activated = new JsonArray();
    private final JsonArray removed = new JsonArray();
    private final JsonArray rejected = new JsonArray();
    private final List<String> activatedNames = new ArrayList<>();
    private final List<String> removedNames = new ArrayList<>();

    void activated(String name, String version) {
        activatedNames.add(name);
        activated.add(new JsonObject().put("name", name).put("version", version));
    }

    void removed(String name) {
        removedNames.add(name);
        removed.add(name);
    }

    void rejected(String name, JsonObject why) {
        rejected.add(why.copy().put("name", name));
    }

    List<String> activatedNames() {
        return activatedNames;
    }

    List<String> removedNames() {
        return removedNames;
    }

    public boolean hasRejections() {
        return !rejected.isEmpty();
    }

    public JsonObject toJson() {
        return new JsonObject().put("activated", activated).put("removed", removed).put("rejected", rejected);
    }
}
