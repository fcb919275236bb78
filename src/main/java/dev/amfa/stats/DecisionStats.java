package dev.amfa.stats;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The Security Center's statistics over the decision log: computed where the log is (heap or SQL). */
public interface DecisionStats {

    /** The JSON of GET /v1/stats ({@link StatsReport#toJson}). */
    Future<JsonObject> compute(StatsQuery query);
}
