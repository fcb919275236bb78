package dev.amfa.externalrisk;

import dev.amfa.policy.EffectivePolicy;
import dev.amfa.policy.ExternalRiskSettings;
import dev.amfa.policy.ExternalRiskTargets;
import dev.amfa.signals.Signal;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The external risk signal of each org that configures one, kept across evaluations (with its cache) and
 * replaced when the org's settings change. One HTTP client serves them all.
 */
public final class ExternalRiskSignals implements AutoCloseable {
    private final Vertx vertx;
    private final WebClient client;
    private final ExternalRiskTargets targets;
    private final Map<String, ExternalRiskSignal> byOrg = new ConcurrentHashMap<>();

    /** @param targets where the services may be, checked again before every connection */
    public ExternalRiskSignals(Vertx vertx, ExternalRiskTargets targets) {
        this.vertx = vertx;
        this.client = WebClient.create(vertx);
        this.targets = targets;
    }

    /** The org's extra signals: none, or its external risk service. */
    public List<Signal> forPolicy(EffectivePolicy policy) {
        ExternalRiskSettings settings = policy.settings().externalRisk();
        if (settings == null) {
            byOrg.remove(policy.org());
            return List.of();
        }
        ExternalRiskSignal signal = byOrg.compute(policy.org(), (org, existing) ->
                existing != null && existing.settings().equals(settings) ? existing : new ExternalRiskSignal(vertx, client, settings, targets));
        return List.of(signal);
    }

    @Override
    public void close() {
        client.close();
    }
}
