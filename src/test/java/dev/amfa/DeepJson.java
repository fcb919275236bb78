package dev.amfa;

import io.vertx.core.json.JsonObject;

/** JSON nested on purpose, for the tests of depth limits and of what cannot be encoded. */
public final class DeepJson {
    private DeepJson() {
    }

    /** {"a": {"a": ... {}}} with {@code depth} objects below the top one; built without recursion. */
    public static JsonObject nested(int depth) {
        JsonObject top = new JsonObject();
        JsonObject at = top;
        for (int i = 0; i < depth; i++) {
            JsonObject next = new JsonObject();
            at.put("a", next);
            at = next;
        }
        return top;
    }
}
