package dev.amfa.decisions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** One page of a decision search; {@code nextCursor} is null on the last page. */
public record DecisionPage(List<DecisionRecord> decisions, String nextCursor) {

    /** Cuts a newest-first list fetched one longer than the limit into a page and the cursor after it. */
    public static DecisionPage of(List<DecisionRecord> fetched, int limit) {
        if (fetched.size() <= limit) return new DecisionPage(List.copyOf(fetched), null);
        DecisionRecord last = fetched.get(limit - 1);
        return new DecisionPage(List.copyOf(fetched.subList(0, limit)), DecisionQuery.cursor(last.at(), last.id()));
    }

    public JsonObject toJson() {
        JsonArray items = new JsonArray();
        for (DecisionRecord r : decisions) items.add(DecisionJson.summary(r));
        return new JsonObject().put("decisions", items).put("next_cursor", nextCursor);
    }
}
