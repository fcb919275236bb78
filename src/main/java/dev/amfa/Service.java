package dev.amfa;

import dev.amfa.decisions.DecisionLog;
import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.externalrisk.ExternalRiskSignals;
import dev.amfa.evaluation.Evaluator;
import dev.amfa.evaluation.OutcomeRecorder;
import dev.amfa.geo.AnonymousIpLookup;
import dev.amfa.geo.CachedCityLocator;
import dev.amfa.geo.CityLocator;
import dev.amfa.ip.IpLists;
import dev.amfa.policy.PolicyRegistry;
import dev.amfa.reload.DirectoryWatcher;
import dev.amfa.signals.ImpossibleTravelSignal;
import dev.amfa.signals.NewDeviceSignal;
import dev.amfa.signals.SignalRunner;
import dev.amfa.signals.UntrustedIpSignal;
import dev.amfa.signals.UserAgents;
import dev.amfa.status.StatusRegistry;
import dev.amfa.store.Stores;
import dev.amfa.store.postgres.Retention;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One running service, wired from its configuration: no DI container, every part built here in the order it
 * depends on. The slow parts (compiling rules, opening databases) run on a worker thread, never an event loop.
 */
public record Service(ServiceConfig config, StatusRegistry status, PolicyRegistry policies,
                      DecisionLog decisions, EvaluationRequestParser parser, Evaluator evaluator,
                      OutcomeRecorder outcomes, List<AutoCloseable> resources, SecurityCenter security) {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);
    /** How long closing waits for queued decisions to be written. */
    static final Duration DECISION_FLUSH = Duration.ofSeconds(10);
    /** How long start-up waits for the database (connect and migrate) before giving up. */
    static final Duration STORE_START = Duration.ofSeconds(30);
    /** How often /health asks the database whether it answers. */
    static final Duration STORE_PROBE_EVERY = Duration.ofSeconds(1);
    /** How often old history is deleted. */
    static final Duration RETENTION_EVERY = Duration.ofHours(1);
    /** GeoIP answers kept for addresses seen recently. */
    static final int CACHED_ADDRESSES = 100_000;
    /** How long the watcher waits for an editor's burst of saves to end before reloading once. */
    static final Duration RELOAD_QUIET_PERIOD = Duration.ofMillis(300);

    public static Future<Service> start(Vertx vertx, ServiceConfig config) {
        return vertx.executeBlocking(() -> build(vertx, config), false);
    }

    private static Service build(Vertx vertx, ServiceConfig config) throws Exception {
        StatusRegistry status = new StatusRegistry();
        PolicyRegistry policies = PolicyRegistry.load(config.rulesDir(), config.policiesDir(), Clock.systemUTC());
        status.ready("rules", "baseline " + policies.current().baseline().version() + ", "
                + policies.current().orgs().size() + " org policies");

        if (config.geoipCity().isEmpty()) {
            throw new IOException("no GeoIP City database configured (--geoip-city / AMFA_GEOIP_CITY)");
        }
        CityLocator cities = new CachedCityLocator(CityLocator.open(config.geoipCity()), CACHED_ADDRESSES);
        AnonymousIpLookup anonymous = config.geoipAnonymous() == null
                ? AnonymousIpLookup.none() : AnonymousIpLookup.open(config.geoipAnonymous());
        status.ready("geoip", String.join("; ", cities.describe())
                + (config.geoipAnonymous() == null ? "" : "; anonymous-IP " + config.geoipAnonymous()));

        IpLists lists = IpLists.load(config.ipListsDir());
        Stores stores = Stores.create(vertx, config.store(), config.pgUrl(), config.outcomeRetention())
                .toCompletionStage().toCompletableFuture().get(STORE_START.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        status.ready("store", config.store());

        SignalRunner signals = new SignalRunner(vertx, List.of(
                new NewDeviceSignal(),
                new ImpossibleTravelSignal(),
                new UntrustedIpSignal(lists, stores.velocity())));
        SecurityCenter security = SecurityCenter.build(vertx, config.decisionLog(), stores, policies);
        DecisionLog decisions = security.decisions();
        ExternalRiskSignals externalRisk = new ExternalRiskSignals(vertx);
        Evaluator evaluator = new Evaluator(policies::current, signals, externalRisk::forPolicy, cities, anonymous,
                new UserAgents(), stores, decisions::append);
        List<AutoCloseable> resources = new ArrayList<>(List.of(cities, anonymous, externalRisk, stores::close));
        if (config.watch()) resources.add(watch(vertx, config, policies));
        if (stores.pool() != null) {
            resources.add(retain(vertx, stores, config.retention(), Duration.ofDays(config.decisionLog().retentionDays())));
            resources.add(probe(vertx, stores, status));
        }
        resources.addAll(0, security.resources());
        return new Service(config, status, policies, decisions, new EvaluationRequestParser(Clock.systemUTC()),
                evaluator, new OutcomeRecorder(stores, decisions::appendEvent), resources, security);
    }

    /** Keeps /health's "store" component true to the database: not ready while it does not answer. */
    private static AutoCloseable probe(Vertx vertx, Stores stores, StatusRegistry status) {
        long timer = vertx.setPeriodic(STORE_PROBE_EVERY.toMillis(), t -> stores.pool().query("SELECT 1").execute()
                .timeout(STORE_PROBE_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .onSuccess(ok -> status.ready("store", "postgres"))
                .onFailure(e -> status.notReady("store", "postgres does not answer: " + e.getMessage())));
        return () -> vertx.cancelTimer(timer);
    }

    /** Deletes old history in the background, batch by batch; answers what stops it. */
    private static AutoCloseable retain(Vertx vertx, Stores stores, Duration keep, Duration keepDecisions) {
        Retention retention = new Retention(stores.pool(), keep, keepDecisions);
        long timer = vertx.setPeriodic(RETENTION_EVERY.toMillis(), t -> retention.run(Instant.now())
                .onSuccess(deleted -> {
                    if (deleted > 0) LOG.info("retention: deleted {} rows older than {} days", deleted, keep.toDays());
                })
                .onFailure(e -> LOG.warn("retention pass failed, retried in {}: {}", RETENTION_EVERY, e.toString())));
        return () -> vertx.cancelTimer(timer);
    }

    /** Reloads what changed once an editor's burst of saves is over; compiling runs on a worker thread. */
    private static DirectoryWatcher watch(Vertx vertx, ServiceConfig config, PolicyRegistry policies) throws IOException {
        DirectoryWatcher watcher = new DirectoryWatcher(List.of(config.rulesDir(), config.policiesDir()),
                RELOAD_QUIET_PERIOD, changed -> vertx.executeBlocking(policies::reloadFromDisk, false)
                .onSuccess(report -> LOG.info("reload after {} changed files: {}", changed.size(), report.toJson().encode()))
                .onFailure(e -> LOG.error("reload failed", e)));
        watcher.start();
        return watcher;
    }

    /** Writes queued decisions first (while the database is still open), then releases everything. */
    public void close() {
        try {
            decisions.flush().toCompletionStage().toCompletableFuture()
                    .get(DECISION_FLUSH.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("queued decisions were not all written on close: {}", e.toString());
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }
}
