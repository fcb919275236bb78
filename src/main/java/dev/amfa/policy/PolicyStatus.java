package dev.amfa.policy;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** What GET /v1/admin/policies shows of one rule set: the version in force, since when, the last refusal. */
record PolicyStatus(String version, String origin, Instant activatedAt, int previousVersions,
                    Instant lastFailureAt, JsonObject lastFailure) {

    PolicyStatus activated(String newVersion, String newOrigin, Instant at, int previous) {
        return new PolicyStatus(newVersion, newOrigin, at, previous, lastFailureAt, lastFailure);
    }

    PolicyStatus failed(Instant at, JsonObject failure) {
        return new PolicyStatus(version, origin, activatedAt, previousVersions, at, failure);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject().put("version", version).put("origin", origin)
                .put("activated_at", activatedAt == null ? null : activatedAt.toString())
                .put("previous_versions", previousVersions);
        if (lastFailure != null) {
            json.put("last_failure", lastFailure.copy().put("at", lastFailureAt.toString()));
        }
        return json;
    }
}
