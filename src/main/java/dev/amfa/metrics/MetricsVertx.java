package dev.amfa.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * A Vert.x instance that reports its own metrics (HTTP server, event loops, pools) into a Prometheus registry,
 * and the registry of a given instance. A Vert.x built otherwise (some tests) gets a registry of its own
 * without Vert.x meters.
 */
public final class MetricsVertx {
    private static final Map<Vertx, PrometheusMeterRegistry> REGISTRIES = new WeakHashMap<>();

    private MetricsVertx() {
    }

    public static Vertx create(VertxOptions options) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
                .with(options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        synchronized (REGISTRIES) {
            REGISTRIES.put(vertx, registry);
        }
        return vertx;
    }

    static PrometheusMeterRegistry registryOf(Vertx vertx) {
        synchronized (REGISTRIES) {
            return REGISTRIES.computeIfAbsent(vertx, v -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        }
    }
}
