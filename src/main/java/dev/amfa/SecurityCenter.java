package dev.amfa;

import dev.amfa.decisions.DecisionListener;
import dev.amfa.decisions.DecisionLog;
import dev.amfa.decisions.DecisionLogSettings;
import dev.amfa.decisions.InMemoryDecisionLog;
import dev.amfa.decisions.IpMasking;
import dev.amfa.decisions.JsonLinesSink;
import dev.amfa.decisions.ObservedDecisionLog;
import dev.amfa.feedback.FeedbackRecorder;
import dev.amfa.metrics.ServiceMetrics;
import dev.amfa.policy.PolicyRegistry;
import dev.amfa.stats.DecisionStats;
import dev.amfa.stats.InMemoryDecisionStats;
import dev.amfa.status.StatusRegistry;
import dev.amfa.store.Stores;
import dev.amfa.store.postgres.DecisionWriter;
import dev.amfa.store.postgres.PgDecisionLog;
import dev.amfa.store.postgres.PgDecisionStats;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What security teams look through: the decision log (heap or PostgreSQL, optionally copied as JSON lines),
 * its statistics, the metrics, and feedback on decisions. Built with the service, beside the stores.
 *
 * @param decisions the log every evaluation and event goes to (records made with the configured IP mode)
 * @param resources closed with the service, in order (the PostgreSQL writer is flushed by the service first)
 * @param pool      the database the log is in, or null for the in-memory log
 */
public record SecurityCenter(DecisionLog decisions, DecisionStats stats, ServiceMetrics metrics,
                             FeedbackRecorder feedback, List<AutoCloseable> resources, Pool pool) {
    /**
     * Orgs the in-memory decision log keeps. Measured: 12,800 simulated evaluations (10,000 decisions kept, with
     * the users' history and pending outcomes) grew the heap by 45 MB, so 50 full orgs stay within ~2 GB.
     */
    static final int DECISION_LOG_ORGS = 50;

    /** How often /health's "decision_log" component is brought up to date with the writer. */
    static final long WRITER_HEALTH_EVERY_MILLIS = 1_000;

    static SecurityCenter build(Vertx vertx, DecisionLogSettings settings, Stores stores, PolicyRegistry policies,
                                StatusRegistry status) throws IOException {
        IpMasking ips = new IpMasking(settings.ipMode(), settings.ipHashKey());
        ServiceMetrics metrics = new ServiceMetrics(vertx, policies);
        List<AutoCloseable> resources = new ArrayList<>();
        List<DecisionListener> listeners = new ArrayList<>(List.of(metrics));
        if (settings.jsonLines() != null) {
            JsonLinesSink sink = new JsonLinesSink(settings.jsonLines(), settings.queueSize());
            listeners.add(sink);
            resources.add(sink);
            metrics.external("amfa.decision.log.dropped", "decisions and events not logged: queue full", "jsonl", sink,
                    JsonLinesSink::dropped);
        }
        DecisionLog store;
        DecisionStats stats;
        if (stores.pool() == null) {
            InMemoryDecisionLog memory = new InMemoryDecisionLog(settings.memoryPerOrg(), DECISION_LOG_ORGS, settings.memoryBytes(), ips);
            store = memory;
            stats = new InMemoryDecisionStats(memory);
        } else {
            DecisionWriter writer = new DecisionWriter(vertx, stores.pool(), settings.queueSize(), settings.batchSize());
            resources.add(writer::stop);
            store = new PgDecisionLog(stores.pool(), writer, ips);
            stats = new PgDecisionStats(stores.pool(), writer);
            metrics.external("amfa.decision.log.dropped", "decisions and events not logged: queue full", "postgres",
                    writer, DecisionWriter::dropped);
            metrics.storeErrors("decision_log_writes", writer, DecisionWriter::failed);
            metrics.external("amfa.decision.log.set.aside", "decisions and events the database refused for their content",
                    "postgres", writer, DecisionWriter::setAside);
            // A writer that is stalled or behind makes /health 503: decisions would otherwise be lost silently.
            long health = vertx.setPeriodic(WRITER_HEALTH_EVERY_MILLIS, t -> {
                DecisionWriter.Health h = writer.health();
                if (h.ok()) status.ready("decision_log", h.detail());
                else status.notReady("decision_log", h.detail());
            });
            status.ready("decision_log", writer.health().detail());
            resources.add(() -> vertx.cancelTimer(health));
        }
        DecisionLog decisions = new ObservedDecisionLog(store, ips, listeners);
        return new SecurityCenter(decisions, stats, metrics,
                new FeedbackRecorder(stores, decisions, settings.ipMode().equals("keep"), Clock.systemUTC()), resources,
                stores.pool());
    }
}
