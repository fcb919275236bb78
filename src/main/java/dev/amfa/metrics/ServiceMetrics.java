package dev.amfa.metrics;

import dev.amfa.decisions.DecisionEvent;
import dev.amfa.decisions.DecisionListener;
import dev.amfa.decisions.DecisionRecord;
import dev.amfa.facts.Assessment;
import dev.amfa.policy.PolicyRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The service's Prometheus metrics. Decisions and events are counted as the decision log receives them, so the
 * evaluation and challenge code need no metrics of their own. Labels that callers choose (orgs, their own
 * signals) are capped by {@link BoundedLabels}.
 */
public final class ServiceMetrics implements DecisionListener {
    /** Distinct signal/code label pairs; the built-in signals have about 20, callers may add their own. */
    static final int MAX_SIGNAL_CODES = 200;

    private final PrometheusMeterRegistry registry;
    private final PolicyRegistry policies;
    private final BoundedLabels signalCodes = new BoundedLabels(MAX_SIGNAL_CODES);
    private final Timer latency;

    public ServiceMetrics(Vertx vertx, PolicyRegistry policies) {
        this.registry = MetricsVertx.registryOf(vertx);
        this.policies = policies;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        this.latency = Timer.builder("amfa.evaluation.latency").description("POST /v1/evaluate, parsed to answered")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
        counter("amfa.policy.reloads", "policy changes activated (reloads, uploads, rollbacks)", r -> r.status().getLong("changes"));
        counter("amfa.policy.rejected", "policy changes rejected (compile errors, failed tests)", r -> r.status().getLong("rejected"));
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A count kept elsewhere (a store's error counter), read at each scrape. */
    public <T> void external(String name, String description, String store, T source, ToDoubleFunction<T> count) {
        FunctionCounter.builder(name, source, count).description(description).tag("store", store).register(registry);
    }

    static final String STORE_ERRORS = "amfa.store.errors";
    static final String STORE_ERRORS_HELP = "store operations that failed";

    /** A store that failed a request (the caller got a 503): `evaluations` for outcomes, `decisions` for the log. */
    public void storeError(String store) {
        Counter.builder(STORE_ERRORS).description(STORE_ERRORS_HELP).tag("store", store).register(registry).increment();
    }

    /** Failures a store counts itself (the decision log's writer), read at each scrape. */
    public <T> void storeErrors(String store, T source, ToDoubleFunction<T> count) {
        external(STORE_ERRORS, STORE_ERRORS_HELP, store, source, count);
    }

    public void evaluated(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void decided(DecisionRecord record) {
        Counter.builder("amfa.evaluations").description("evaluations by org, action and confidence")
                .tag("org", org(record.org())).tag("action", record.decided()).tag("confidence", record.confidence())
                .register(registry).increment();
        for (Assessment a : record.assessments()) {
            String pair = signalCodes.label(a.getSignal() + ":" + a.getCode());
            int colon = pair.indexOf(':');
            Counter.builder("amfa.signal.codes").description("assessments by signal and code")
                    .tag("signal", colon < 0 ? pair : pair.substring(0, colon))
                    .tag("code", colon < 0 ? pair : pair.substring(colon + 1)).register(registry).increment();
        }
    }

    @Override
    public void happened(DecisionEvent event) {
        // Challenge steps, outcomes and feedback: each type is one series (sends, passes, failures, ...).
        Counter.builder("amfa.decision.events").description("what happened after decisions: challenge steps, outcomes, feedback")
                .tag("type", event.type()).tag("org", org(event.org())).register(registry).increment();
        if (event.type().equals(DecisionEvent.FEEDBACK)) {
            var signals = event.details().getJsonArray("false_positive_signals");
            if (signals == null) return;
            for (Object signal : signals) {
                Counter.builder("amfa.false.positives").description("challenged logins an analyst or user said were legitimate, by signal")
                        .tag("signal", signalCodes.label(String.valueOf(signal))).register(registry).increment();
            }
        }
    }

    /** Only orgs with a policy of their own get a series: org names come from callers. */
    String org(String org) {
        return policies.current().orgs().containsKey(org) ? org : "other";
    }

    public String scrape() {
        return registry.scrape();
    }

    private void counter(String name, String description, ToDoubleFunction<PolicyRegistry> count) {
        FunctionCounter.builder(name, policies, count).description(description).register(registry);
    }
}
