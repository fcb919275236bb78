package dev.amfa.status;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each component (rules, geoip, store, ...) reports whether it is ready; /health reads the registry. The
 * service is ready only when every registered component is, and stops being ready when it starts to drain.
 */
public final class StatusRegistry {
    private final Map<String, ComponentStatus> components = new ConcurrentHashMap<>();
    private volatile boolean draining;

    public record ComponentStatus(boolean ready, String detail) {
    }

    public void ready(String component, String detail) {
        components.put(component, new ComponentStatus(true, detail));
    }

    public void notReady(String component, String detail) {
        components.put(component, new ComponentStatus(false, detail));
    }

    /** From now on /health answers not ready, so a load balancer stops sending before the server closes. */
    public void drain() {
        draining = true;
    }

    public boolean isReady() {
        return !draining && !components.isEmpty() && components.values().stream().allMatch(ComponentStatus::ready);
    }

    public JsonObject toJson() {
        JsonObject parts = new JsonObject();
        components.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parts.put(e.getKey(),
                new JsonObject().put("ready", e.getValue().ready()).put("detail", e.getValue().detail())));
        return new JsonObject()
                .put("status", draining ? "draining" : isReady() ? "ready" : "not_ready")
                .put("components", parts);
    }
}
