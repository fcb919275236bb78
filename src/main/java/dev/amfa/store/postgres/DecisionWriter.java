package dev.amfa.store.postgres;

import dev.amfa.decisions.DecisionEvent;
import dev.amfa.decisions.DecisionJson;
import dev.amfa.decisions.DecisionRecord;
import dev.amfa.facts.Assessment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes decisions and events to PostgreSQL in batches, through a bounded queue: appending never waits for the
 * database. When the queue is full (the database is down or slower than the traffic) the newest entries are
 * dropped and counted; {@link #flush} (called on shutdown, and before every read) writes what is queued.
 */
public final class DecisionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWriter.class);
    /** How often a partial batch is written. */
    static final long FLUSH_EVERY_MILLIS = 250;
    /** A drop is logged once per this many, so a database outage does not flood the log. */
    static final long LOG_EVERY_DROPS = 1_000;

    private static final String INSERT_DECISION = "INSERT INTO decisions (id, org, user_id, at, action, decided,"
            + " confidence, ip, country, browser, os, policy_version, codes, record)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING";
    private static final String INSERT_EVENT = "INSERT INTO decision_events (evaluation_id, org, user_id, type, at, details)"
            + " VALUES ($1, $2, $3, $4, $5, $6)";

    private final Pool pool;
    private final int batchSize;
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long timer;
    private final Vertx vertx;
    private Future<Void> writing = Future.succeededFuture();

    public DecisionWriter(Vertx vertx, Pool pool, int queueSize, int batchSize) {
        this.vertx = vertx;
        this.pool = pool;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.timer = vertx.setPeriodic(FLUSH_EVERY_MILLIS, t -> {
            if (!queue.isEmpty()) flush();
        });
    }

    /** Never blocks: a full queue drops the entry and counts it. */
    void offer(Object entry) {
        if (!queue.offer(entry)) {
            if (dropped.incrementAndGet() % LOG_EVERY_DROPS == 1) {
                LOG.warn("decision log queue is full: {} decisions and events dropped so far", dropped.get());
            }
        } else if (queue.size() >= batchSize && writing.isComplete()) {
            flush();
        }
    }

    /** Entries dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Entries lost because their batch failed to write (counted as store errors). */
    public long failed() {
        return failed.get();
    }

    /** Writes everything queued now, after any write in flight; completes when it is written (or failed). */
    public synchronized Future<Void> flush() {
        writing = writing.transform(previous -> drain());
        return writing;
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    private Future<Void> drain() {
        List<Object> batch = new ArrayList<>(batchSize);
        queue.drainTo(batch, batchSize);
        if (batch.isEmpty()) return Future.succeededFuture();
        return write(batch).recover(e -> {
            failed.addAndGet(batch.size());
            LOG.warn("writing {} decisions and events failed, dropped: {}", batch.size(), e.toString());
            return Future.succeededFuture();
        }).compose(done -> drain());
    }

    private Future<Void> write(List<Object> batch) {
        List<Tuple> decisions = new ArrayList<>();
        List<Tuple> events = new ArrayList<>();
        for (Object entry : batch) {
            if (entry instanceof DecisionRecord r) decisions.add(row(r));
            else if (entry instanceof DecisionEvent e) events.add(Tuple.of(e.evaluationId(), e.org(),
                    e.userId() == null ? "" : e.userId(), e.type(), Times.of(e.at()), e.details()));
        }
        Future<?> written = decisions.isEmpty() ? Future.succeededFuture()
                : pool.preparedQuery(INSERT_DECISION).executeBatch(decisions);
        return written.compose(d -> events.isEmpty() ? Future.succeededFuture()
                : pool.preparedQuery(INSERT_EVENT).executeBatch(events)).mapEmpty();
    }

    private static Tuple row(DecisionRecord r) {
        List<String> codes = new ArrayList<>();
        for (Assessment a : r.assessments()) {
            if (!codes.contains(a.getCode())) codes.add(a.getCode());
            codes.add(a.getSignal() + ":" + a.getCode());
        }
        var device = r.input().device();
        return Tuple.tuple().addString(r.id()).addString(r.org()).addString(r.userId()).addValue(Times.of(r.at()))
                .addString(r.action()).addString(r.decided()).addString(r.confidence()).addString(r.ip())
                .addString(r.country()).addString(device.getBrowserFamily()).addString(device.getOsFamily())
                .addString(r.policyVersion()).addArrayOfString(codes.toArray(String[]::new))
                .addValue(DecisionJson.stored(r));
    }
}
