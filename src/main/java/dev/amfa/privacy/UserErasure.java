package dev.amfa.privacy;

import dev.amfa.decisions.DecisionLog;
import dev.amfa.store.HistoryPart;
import dev.amfa.store.Stores;
import dev.amfa.store.VelocityStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;

/**
 * Erases a user on request (DELETE /v1/users/{id}): what the service learned about them (devices, places,
 * failures, the velocity they count in), their challenges and enrolled factors, and the evaluations awaiting
 * an outcome are deleted; their decisions stay, for the org's statistics, but anonymised (user id and IP
 * replaced by a one-way marker, e-mail and attributes dropped). Idempotent: erasing a user the service does
 * not know succeeds too, with nothing anonymised.
 */
public final class UserErasure {
    /** What an erasure deletes, as the answer names it. */
    static final JsonArray ERASED = new JsonArray().add("devices").add("places").add("failures").add("velocity")
            .add("challenges").add("factors").add("pending_evaluations");

    private final Stores stores;
    private final DecisionLog decisions;

    public UserErasure(Stores stores, DecisionLog decisions) {
        this.stores = stores;
        this.decisions = decisions;
    }

    /** Fails when a store does: nothing is promised then, and the caller can simply ask again. */
    public Future<JsonObject> erase(String org, String userId) {
        return Future.all(
                        stores.users().clear(org, userId, EnumSet.allOf(HistoryPart.class)),
                        stores.velocity().clearUser(VelocityStore.userKey(org, userId)),
                        stores.challenges().erase(org, userId),
                        stores.factors().erase(org, userId),
                        stores.evaluations().erase(org, userId))
                // Decisions last: while anything above fails, the log still says whose data is left.
                .compose(erased -> decisions.anonymise(org, userId))
                .map(anonymised -> new JsonObject().put("org", org).put("user", userId)
                        .put("erased", ERASED.copy()).put("decisions_anonymised", anonymised));
    }
}
