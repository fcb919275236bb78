package dev.amfa.policy;

import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the registry remembers about its changes: each policy's status (version, origin, when, last rejection),
 * the earlier versions of each org for rollback, and the counts GET /v1/admin/policies shows. Not thread-safe:
 * the registry calls it under its own lock.
 */
final class PolicyLedger {
    /** Versions kept per org for rollback. */
    static final int HISTORY = 10;
    static final String BASELINE = "baseline";
    private static final PolicyStatus NEVER = new PolicyStatus(null, null, null, 0, null, null);

    private final Clock clock;
    private final Map<String, Deque<OrgPolicy>> earlier = new HashMap<>();
    private final Map<String, PolicyStatus> status = new TreeMap<>();
    private long changes;
    private long rejections;

    PolicyLedger(Clock clock) {
        this.clock = clock;
    }

    /** A policy in force since start-up. */
    void loaded(String name, String version) {
        status.put(name, new PolicyStatus(version, "disk", clock.instant(), 0, null, null));
    }

    /** One change of the policy set took effect (however many policies it touched). */
    void changed() {
        changes++;
    }

    void baselineActivated(String version) {
        status.put(BASELINE, status.get(BASELINE).activated(version, "disk", clock.instant(), 0));
    }

    /** @param previous the org's policy before, kept for rollback; null when it had none */
    void activated(OrgPolicy previous, OrgPolicy now) {
        Deque<OrgPolicy> versions = earlier.computeIfAbsent(now.org(), k -> new ArrayDeque<>());
        if (previous != null) {
            versions.push(previous);
            while (versions.size() > HISTORY) versions.removeLast();
        }
        status.put(now.org(), status.getOrDefault(now.org(), NEVER).activated(now.version(), now.origin(),
                clock.instant(), versions.size()));
    }

    /** The version a rollback of the org returns to, or null when there is none. */
    OrgPolicy previous(String org) {
        Deque<OrgPolicy> versions = earlier.get(org);
        return versions == null ? null : versions.peek();
    }

    /** The org went back to {@link #previous}: it leaves the history. */
    void rolledBack(OrgPolicy to) {
        Deque<OrgPolicy> versions = earlier.get(to.org());
        versions.pop();
        changes++;
        status.put(to.org(), status.get(to.org()).activated(to.version(), to.origin(), clock.instant(), versions.size()));
    }

    void removed(String org) {
        status.remove(org);
    }

    void rejected(String name, JsonObject failure) {
        rejections++;
        status.put(name, status.getOrDefault(name, NEVER).failed(clock.instant(), failure));
    }

    JsonObject toJson() {
        JsonObject orgs = new JsonObject();
        status.forEach((name, s) -> {
            if (!name.equals(BASELINE)) orgs.put(name, s.toJson());
        });
        return new JsonObject()
                .put("baseline", status.get(BASELINE).toJson())
                .put("orgs", orgs)
                .put("changes", changes)
                .put("rejected", rejections);
    }
}
