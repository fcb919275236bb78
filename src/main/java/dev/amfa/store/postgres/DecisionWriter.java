package dev.amfa.store.postgres;

import dev.amfa.decisions.DecisionEvent;
import dev.amfa.decisions.DecisionJson;
import dev.amfa.decisions.DecisionRecord;
import dev.amfa.facts.Assessment;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
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
 * database. A batch that fails to write because the database is away is kept and retried first, with a growing
 * pause, so an outage costs nothing until the queue is full; then the newest entries are dropped and counted.
 * A batch the database refuses for its content (a data error: SQLSTATE class 22, 23 or 54) is split in halves
 * until the one row it cannot take is found; that row is set aside (counted, logged once) and the others are
 * written, so one bad row never stops the log. {@link #flush} waits for what was queued when it was called (not
 * for traffic that keeps arriving), so reads stay prompt on a busy node. {@link #health} says when the writer is
 * stalled or behind.
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
    /** A write that has not answered by then is given up and retried, so a lost answer cannot hold the writer. */
    static final long WRITE_TIMEOUT_MILLIS = 30_000;
    /** Entries waiting this long without any being written make the writer "stalled" (/health 503). */
    static final long STALLED_AFTER_MILLIS = 30_000;
    /** The queue this full makes the writer "behind" (/health 503): new decisions are about to be dropped. */
    static final double BEHIND_AT = 0.9;

    private static final String INSERT_DECISION = "INSERT INTO decisions (id, org, user_id, at, action, decided,"
            + " confidence, ip, country, browser, os, policy_version, codes, record)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text::jsonb) ON CONFLICT (id) DO NOTHING";
    // The JSON goes as text encoded here, where a failure is this row's alone (not in the connection's encoder).
    private static final String INSERT_EVENT = "INSERT INTO decision_events (evaluation_id, org, user_id, type, at, details)"
            + " VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)";

    /** A reader waiting until every entry up to {@code mark} was written or tried. */
    private record Waiter(long mark, Promise<Void> promise) {
    }

    private final Pool pool;
    private final int batchSize;
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();
    private final int queueSize;
    private final long stalledAfterMillis;
    /** When an entry was last written or set aside; a reason and entry for /health when one was set aside. */
    private volatile long progressAt = System.currentTimeMillis();
    private volatile String lastSetAside;
    private final long timer;
    private final Vertx vertx;
    /** Entries accepted into the queue, and entries written (or tried, for waiters) so far. */
    private long offered;
    private long done;
    /** The batch whose write failed, written before anything else. */
    private List<Object> retry = List.of();
    /** Halves of a batch the database refused for its content, written one by one before the queue. */
    private final java.util.Deque<List<Object>> suspects = new java.util.ArrayDeque<>();
    private long retryPause = RETRY_FIRST_MILLIS;
    private long retryAt;
    private boolean writing;
    private final List<Waiter> waiters = new ArrayList<>();

    public DecisionWriter(Vertx vertx, Pool pool, int queueSize, int batchSize) {
        this(vertx, pool, queueSize, batchSize, STALLED_AFTER_MILLIS);
    }

    /** @param stalledAfterMillis entries waiting this long without any written make {@link #health} not ok */
    DecisionWriter(Vertx vertx, Pool pool, int queueSize, int batchSize, long stalledAfterMillis) {
        this.stalledAfterMillis = stalledAfterMillis;
        this.vertx = vertx;
        this.pool = pool;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.queueSize = queueSize;
        this.timer = vertx.setPeriodic(FLUSH_EVERY_MILLIS, t -> writeNext());
    }

    /** Never blocks: a full queue drops the entry and counts it. */
    void offer(Object entry) {
        boolean full;
        synchronized (this) {
            full = !queue.offer(entry);
            if (!full) {
                // Stalled counts from when something began to wait, not from the last write of a quiet node.
                if (done == offered) progressAt = System.currentTimeMillis();
                offered++;
            }
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

    /** Entries the database could not take for their content, set aside so the rest is written. */
    public long setAside() {
        return setAside.get();
    }

    /** Whether the writer keeps up, for /health: a detail to show either way. */
    public record Health(boolean ok, String detail) {
    }

    /** Stalled (entries waiting, none written for {@link #STALLED_AFTER_MILLIS}) or behind (queue nearly full) is not ok. */
    public Health health() {
        int queued = queue.size();
        boolean waiting;
        synchronized (this) {
            waiting = done < offered;
        }
        long idle = System.currentTimeMillis() - progressAt;
        boolean stalled = waiting && idle > stalledAfterMillis;
        boolean behind = queued >= BEHIND_AT * queueSize;
        String state = stalled ? "stalled: nothing written for " + idle / 1000 + " s" : behind ? "behind" : "writing";
        String detail = state + "; queued " + queued + "/" + queueSize + ", dropped " + dropped.get() + ", set aside "
                + setAside.get() + (lastSetAside == null ? "" : " (last: " + lastSetAside + ")") + ", failed writes " + failed.get();
        return new Health(!stalled && !behind, detail);
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
            } else if (!suspects.isEmpty()) {
                batch = suspects.poll();
            } else {
                batch = new ArrayList<>(batchSize);
                queue.drainTo(batch, batchSize);
                if (batch.isEmpty()) return;
            }
            writing = true;
        }
        List<Tuple> decisions = new ArrayList<>();
        List<Tuple> events = new ArrayList<>();
        List<Object> rows = rows(batch, decisions, events);
        Future<Void> attempt;
        try {
            attempt = write(decisions, events);
        } catch (RuntimeException e) {
            attempt = Future.failedFuture(e);
        }
        attempt.timeout(WRITE_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS).onComplete(result -> {
            List<Promise<Void>> released;
            boolean again = false;
            synchronized (this) {
                writing = false;
                if (batch == retry) retry = List.of();
                if (result.succeeded() || isRowFault(result.cause())) {
                    retryPause = RETRY_FIRST_MILLIS;
                    retryAt = 0;
                }
                if (result.succeeded()) {
                    done += rows.size();
                    progressAt = System.currentTimeMillis();
                    released = release(done);
                } else if (isRowFault(result.cause())) {
                    // The database is up and refuses a row: find it by halves, write the rest.
                    if (rows.size() == 1) {
                        done++;
                        released = release(done);
                    } else {
                        suspects.addFirst(rows.subList(rows.size() / 2, rows.size()));
                        suspects.addFirst(rows.subList(0, rows.size() / 2));
                        released = List.of();
                    }
                    again = true;
                } else {
                    failed.incrementAndGet();
                    retry = rows;
                    retryAt = System.currentTimeMillis() + retryPause;
                    retryPause = Math.min(retryPause * 2, RETRY_MAX_MILLIS);
                    // Readers waiting for these entries would wait for the outage: let them meet it instead.
                    released = release(offered);
                }
            }
            released.forEach(Promise::tryComplete);
            if (result.failed() && isRowFault(result.cause())) {
                if (rows.size() == 1) setAside(rows.get(0), result.cause());
            } else if (result.failed()) {
                LOG.warn("writing {} decisions and events failed, retried in {} ms: {}", batch.size(),
                        retryAt - System.currentTimeMillis(), result.cause().toString());
            }
            if (again || (result.succeeded() && (hasSuspects() || !queue.isEmpty() && (queue.size() >= batchSize || hasWaiters())))) {
                // A full batch waits for no timer, nor does a reader, nor the rest of a refused batch.
                writeNext();
            }
        });
    }

    private synchronized boolean hasSuspects() {
        return !suspects.isEmpty();
    }

    /**
     * The batch's rows, each made in a try of its own: an entry that cannot even be made into a row (its JSON
     * does not encode: too deep for the stack, a value JSON has no form for) is set aside here and left out.
     */
    private List<Object> rows(List<Object> batch, List<Tuple> decisions, List<Tuple> events) {
        List<Object> kept = new ArrayList<>(batch.size());
        int refused = 0;
        for (Object entry : batch) {
            try {
                if (entry instanceof DecisionRecord r) decisions.add(row(r));
                else if (entry instanceof DecisionEvent e) events.add(row(e));
                kept.add(entry);
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) throw (VirtualMachineError) e;
                setAside(entry, e);
                refused++;
            }
        }
        if (refused > 0) {
            List<Promise<Void>> released;
            synchronized (this) {
                done += refused;
                released = release(done);
            }
            released.forEach(Promise::tryComplete);
        }
        return kept;
    }

    /** Counted, logged once, shown by /health; the entry is not retried (it would fail the same way). */
    private void setAside(Object entry, Throwable cause) {
        setAside.incrementAndGet();
        progressAt = System.currentTimeMillis();
        String what = entry instanceof DecisionRecord r ? "decision " + r.id()
                : entry instanceof DecisionEvent e ? e.type() + " event of " + e.evaluationId() : String.valueOf(entry);
        // The id may be a caller's: printable in a log line and in /health, and short.
        what = what.replaceAll("\\p{Cntrl}", "?");
        if (what.length() > 120) what = what.substring(0, 120) + "...";
        String reason = cause instanceof PgException pg ? "SQLSTATE " + pg.getSqlState() + " " + pg.getErrorMessage()
                : cause.getClass().getSimpleName();
        lastSetAside = what + ": " + reason;
        LOG.warn("decision log: set aside {} that the database cannot take ({}); {} set aside so far", what, reason,
                setAside.get());
    }

    /**
     * A failure of the batch's content, not of the database: PostgreSQL's data exceptions (22: a NUL in text,
     * JSON it cannot parse), integrity (23) and program limits (54: JSON nested too deep), or the client refusing
     * a value before sending it. Anything else (a closed connection, a timeout) is an outage and retried whole.
     */
    static boolean isRowFault(Throwable cause) {
        if (cause instanceof PgException pg) {
            String state = pg.getSqlState() == null ? "" : pg.getSqlState();
            return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
        }
        return cause instanceof IllegalArgumentException || cause instanceof ClassCastException
                || cause instanceof io.netty.handler.codec.EncoderException;
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

    private Future<Void> write(List<Tuple> decisions, List<Tuple> events) {
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
                .addString(DecisionJson.stored(r).encode());
    }

    private static Tuple row(DecisionEvent e) {
        return Tuple.of(e.evaluationId(), e.org(), e.userId() == null ? "" : e.userId(), e.type(), Times.of(e.at()),
                e.details().encode());
    }
}
