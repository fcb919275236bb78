package dev.amfa.store.postgres;

import dev.amfa.decisions.DecisionEvent;
import dev.amfa.decisions.DecisionJson;
import dev.amfa.decisions.DecisionRecord;
import dev.amfa.facts.Assessment;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 * database. A batch that fails to write is kept and retried first, with a growing pause, so an outage costs
 * nothing until the queue is full; then the newest entries are dropped and counted. {@link #flush} waits for
 * what was queued when it was called (not for traffic that keeps arriving), so reads stay prompt on a busy node.
 */
public final class DecisionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWriter.class);
    /** How often a partial batch is written. */
    static final long FLUSH_EVERY_MILLIS = 250;
    /** The pause after a failed write, doubled after each further failure up to the maximum. */
    static final long RETRY_FIRST_MILLIS = 250;
    static final long RETRY_MAX_MILLIS = 5_000;
    /** A drop is logged once per this many, so a database outage does not flood the log. */
    static final long LOG_EVERY_DROPS = 1_000;

    private static final String INSERT_DECISION = "INSERT INTO decisions (id, org, user_id, at, action, decided,"
            + " confidence, ip, country, browser, os, policy_version, codes, record)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING";
    private static final String INSERT_EVENT = "INSERT INTO decision_events (evaluation_id, org, user_id, type, at, details)"
            + " VALUES ($1, $2, $3, $4, $5, $6)";

    /** A reader waiting until every entry up to {@code mark} was written or tried. */
    private record Waiter(long mark, Promise<Void> promise) {
    }

    private final Pool pool;
    private final int batchSize;
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long timer;
    private final Vertx vertx;
    /** Entries accepted into the queue, and entries written (or tried, for waiters) so far. */
    private long offered;
    private long done;
    /** The batch whose write failed, written before anything else. */
    private List<Object> retry = List.of();
    private long retryPause = RETRY_FIRST_MILLIS;
    private long retryAt;
    private boolean writing;
    private final List<Waiter> waiters = new ArrayList<>();

    public DecisionWriter(Vertx vertx, Pool pool, int queueSize, int batchSize) {
        this.vertx = vertx;
        this.pool = pool;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.timer = vertx.setPeriodic(FLUSH_EVERY_MILLIS, t -> writeNext());
    }

    /** Never blocks: a full queue drops the entry and counts it. */
    void offer(Object entry) {
        boolean full;
        synchronized (this) {
            full = !queue.offer(entry);
            if (!full) offered++;
        }
        if (full) {
            if (dropped.incrementAndGet() % LOG_EVERY_DROPS == 1) {
                LOG.warn("decision log queue is full: {} decisions and events dropped so far", dropped.get());
            }
        } else if (queue.size() >= batchSize) {
            writeNext();
        }
    }

    /** Entries dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Batch writes that failed (store errors); their entries are retried, not lost. */
    public long failed() {
        return failed.get();
    }

    /**
     * Completes once everything queued before this call was written, or a write of it was tried and failed
     * (a reader then meets the same failing database); never waits for entries queued later.
     */
    public Future<Void> flush() {
        Promise<Void> promise = Promise.promise();
        synchronized (this) {
            if (done >= offered) return Future.succeededFuture();
            waiters.add(new Waiter(offered, promise));
        }
        writeNext();
        return promise.future();
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** Starts one batch write unless one is running or a retry pause is not over. */
    private void writeNext() {
        List<Object> batch;
        synchronized (this) {
            if (writing || System.currentTimeMillis() < retryAt) return;
            if (!retry.isEmpty()) {
                batch = retry;
            } else {
                batch = new ArrayList<>(batchSize);
                queue.drainTo(batch, batchSize);
                if (batch.isEmpty()) return;
            }
            writing = true;
        }
        write(batch).onComplete(result -> {
            List<Promise<Void>> released;
            synchronized (this) {
                writing = false;
                if (result.succeeded()) {
                    retry = List.of();
                    retryPause = RETRY_FIRST_MILLIS;
                    retryAt = 0;
                    done += batch.size();
                    released = release(done);
                } else {
                    failed.incrementAndGet();
                    retry = batch;
                    retryAt = System.currentTimeMillis() + retryPause;
                    retryPause = Math.min(retryPause * 2, RETRY_MAX_MILLIS);
                    // Readers waiting for these entries would wait for the outage: let them meet it instead.
                    released = release(offered);
                }
            }
            released.forEach(Promise::tryComplete);
            if (result.failed()) {
                LOG.warn("writing {} decisions and events failed, retried in {} ms: {}", batch.size(),
                        retryAt - System.currentTimeMillis(), result.cause().toString());
            } else if (!queue.isEmpty() && (queue.size() >= batchSize || hasWaiters())) {
                // A full batch waits for no timer, nor does a reader.
                writeNext();
            }
        });
    }

    private synchronized boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    /** Takes the waiters whose mark is reached, to be completed outside the lock. Called holding it. */
    private List<Promise<Void>> release(long upTo) {
        List<Promise<Void>> released = new ArrayList<>();
        waiters.removeIf(w -> {
            if (w.mark() > upTo) return false;
            released.add(w.promise());
            return true;
        });
        return released;
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
