package dev.amfa;

import dev.amfa.challenges.Challenges;
import dev.amfa.cluster.PolicySync;
import dev.amfa.decisions.DecisionLog;
import dev.amfa.demo.DemoUsers;
import dev.amfa.privacy.UserErasure;
import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.externalrisk.ExternalRiskSignals;
import dev.amfa.evaluation.Evaluator;
import dev.amfa.evaluation.RuleRunner;
import dev.amfa.evaluation.OutcomeRecorder;
import dev.amfa.evaluation.OutcomeRetries;
import dev.amfa.geo.AnonymousIpLookup;
import dev.amfa.geo.CachedCityLocator;
import dev.amfa.geo.CityLocator;
import dev.amfa.ip.IpLists;
import dev.amfa.policy.ExternalRiskTargets;
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
import java.util.concurrent.TimeUnit;

/**
 * One running service, wired from its configuration: no DI container, every part built here in the order it
 * depends on. {@code demo} is null when the demo is off. The slow parts (compiling rules, opening databases) run on a worker thread, never an event loop.
 */
public record Service(ServiceConfig config, StatusRegistry status, PolicyRegistry policies,
                      DecisionLog decisions, EvaluationRequestParser parser, Evaluator evaluator,
                      OutcomeRecorder outcomes, List<AutoCloseable> resources, Challenges challenges,
                      DemoUsers demo, SecurityCenter security, UserErasure erasure) {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);
    /** How long closing waits for queued decisions to be written. */
    static final Duration DECISION_FLUSH = Duration.ofSeconds(10);
    /** How long start-up waits for the database (connect and migrate) before giving up. */
    static final Duration STORE_START = Duration.ofSeconds(30);
    /** How often /health asks the database whether it answers. */
    static final Duration STORE_PROBE_EVERY = Duration.ofSeconds(1);
    /** Outcomes kept for retry while the database is away, and how often they are retried. */
    static final int OUTCOME_RETRY_CAPACITY = 10_000;
    static final Duration OUTCOME_RETRY_EVERY = Duration.ofSeconds(1);
    /** How often old history is deleted. */
    static final Duration RETENTION_EVERY = Duration.ofHours(1);
    /** GeoIP answers kept for addresses seen recently. */
    static final int CACHED_ADDRESSES = 100_000;
    /** How long the watcher waits for an editor's burst of saves to end before reloading once. */
    static final Duration RELOAD_QUIET_PERIOD = Duration.ofMillis(300);

    public static Future<Service> start(Vertx vertx, ServiceConfig config) {
        return start(vertx, config, Clock.systemUTC());
    }

    /**
     * @param clock the server's time: the windows of history and velocity, the newest timestamp a request may
     *              carry, challenge and outcome lifetimes. The system clock, except for a replay of recorded
     *              days ({@code simulate --labelled}), whose windows must move with the logins it replays.
     */
    public static Future<Service> start(Vertx vertx, ServiceConfig config, Clock clock) {
        return vertx.executeBlocking(() -> build(vertx, config, clock), false);
    }

    private static Service build(Vertx vertx, ServiceConfig config, Clock clock) throws Exception {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return wire(vertx, config, clock, resources);
        } catch (Exception e) {
            closeAll(resources);
            throw e;
        }
    }

    /** Builds the parts in the order they depend on; each one opened is in {@code resources} to be closed. */
    private static Service wire(Vertx vertx, ServiceConfig config, Clock clock, List<AutoCloseable> resources) throws Exception {
        StatusRegistry status = new StatusRegistry();
        Stores stores = await(Stores.create(vertx, config.store(), config.pgUrl(), config.outcomeRetention()));
        resources.add(stores::close);
        status.ready("store", config.store());
        ExternalRiskTargets riskTargets = new ExternalRiskTargets(config.sandbox().externalRiskAllowed());
        PolicyRegistry policies = PolicyRegistry.load(config.rulesDir(), config.policiesDir(), clock,
                PolicySync.publisher(stores.policies()), riskTargets);
        if (stores.connect() != null) {
            resources.add(await(PolicySync.start(vertx, stores.policies(), policies, status, stores.connect())));
        }
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

        SignalRunner signals = new SignalRunner(vertx, List.of(
                new NewDeviceSignal(),
                new ImpossibleTravelSignal(),
                new UntrustedIpSignal(lists, stores.velocity())));
        SecurityCenter security = SecurityCenter.build(vertx, config.decisionLog(), stores, policies, status);
        DecisionLog decisions = security.decisions();
        ExternalRiskSignals externalRisk = new ExternalRiskSignals(vertx, riskTargets);
        RuleRunner.warmUp(policies.current().baseline().rules());
        RuleRunner rules = new RuleRunner(vertx, config.sandbox().rules(), config.sandbox().ruleThreads());
        Evaluator evaluator = new Evaluator(policies::current, signals, rules, externalRisk::forPolicy, cities,
                anonymous, new UserAgents(), stores, decisions::append, security.metrics()::storeError, clock);
        resources.addAll(List.of(cities, anonymous, externalRisk, rules));
        if (config.watch()) resources.add(watch(vertx, config, policies));
        OutcomeRecorder outcomes = new OutcomeRecorder(stores,
                new OutcomeRetries(OUTCOME_RETRY_CAPACITY, config.outcomeRetention(), clock),
                decisions::appendEvent, clock);
        if (stores.pool() != null) {
            resources.add(retain(vertx, stores, config.retention(), Duration.ofDays(config.decisionLog().retentionDays())));
            resources.add(probe(vertx, stores, status));
            resources.add(retryOutcomes(vertx, outcomes, status));
        }
        Challenges challenges = Challenges.create(vertx, config.challenges(), stores, outcomes, decisions, clock);
        DemoUsers demo = config.challenges().demo() ? DemoUsers.load(config.challenges().demoUsers()) : null;
        // Added last, closed first: the decision log is flushed while the pool is still open.
        resources.addAll(security.resources());
        return new Service(config, status, policies, decisions, new EvaluationRequestParser(clock, config.requestTime()),
                evaluator, outcomes, resources, challenges, demo, security, new UserErasure(stores, decisions));
    }

    /** Waits on a worker thread for what start-up needs from the database. */
    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(STORE_START.toSeconds(), TimeUnit.SECONDS);
    }

    /** Retries outcomes the database could not take when they came; /health shows the buffer. */
    private static AutoCloseable retryOutcomes(Vertx vertx, OutcomeRecorder outcomes, StatusRegistry status) {
        status.ready("outcome_retries", outcomes.retries().toJson().encode());
        long timer = vertx.setPeriodic(OUTCOME_RETRY_EVERY.toMillis(), t -> outcomes.retryQueued()
                .onComplete(done -> status.ready("outcome_retries", outcomes.retries().toJson().encode())));
        return () -> vertx.cancelTimer(timer);
    }

    /** Keeps /health's "store" component true to the database: not ready while it does not answer. */
    private static AutoCloseable probe(Vertx vertx, Stores stores, StatusRegistry status) {
        long timer = vertx.setPeriodic(STORE_PROBE_EVERY.toMillis(), t -> stores.pool().query("SELECT 1").execute()
                .timeout(STORE_PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS)
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
        if (!java.nio.file.Files.exists(config.policiesDir())) {
            // A watcher can only watch what exists: an empty policies/ now lets the first org added later count.
            java.nio.file.Files.createDirectories(config.policiesDir());
            LOG.info("created the empty policies directory {} to watch it", config.policiesDir());
        }
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
                    .get(DECISION_FLUSH.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("queued decisions were not all written on close: {}", e.toString());
        }
        closeAll(resources);
    }

    /** Last opened, first closed: timers and subscriptions stop before the pool they use. */
    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            AutoCloseable resource = resources.get(i);
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }
}
