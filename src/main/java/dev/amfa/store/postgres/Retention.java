package dev.amfa.store.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deletes what is older than the retention age, a small batch per statement, so no delete holds locks for
 * long or competes with evaluations for more than a moment. Run periodically by the service.
 */
public final class Retention {
    /** Rows per DELETE: small enough to finish in milliseconds. */
    static final int BATCH = 5_000;
    private static final List<String> AGED_TABLES = List.of("logins", "user_failures", "ip_failures", "email_sends");
    /** The decision log, kept for its own age (decision log settings). */
    private static final List<String> DECISION_TABLES = List.of("decisions", "decision_events");

    private final Pool pool;
    private final Duration keep;
    private final Duration keepDecisions;

    public Retention(Pool pool, Duration keep) {
        this(pool, keep, keep);
    }

    /** @param keepDecisions how long the decision log keeps decisions and their events */
    public Retention(Pool pool, Duration keep, Duration keepDecisions) {
        this.pool = pool;
        this.keep = keep;
        this.keepDecisions = keepDecisions;
    }

    /** One pass over every table, batch after batch until nothing old is left; answers the rows deleted. */
    public Future<Long> run(Instant now) {
        Instant before = now.minus(keep);
        Future<Long> total = Future.succeededFuture(0L);
        for (String table : AGED_TABLES) total = aged(table, before, total);
        for (String table : DECISION_TABLES) total = aged(table, now.minus(keepDecisions), total);
        String pending = "DELETE FROM pending_evaluations WHERE ctid IN (SELECT ctid FROM pending_evaluations"
                + " WHERE created_at < $1 LIMIT " + BATCH + ")";
        // Challenges are finished within minutes; they are kept as long as the history, for the per-user limits and audits.
        String challenges = "DELETE FROM challenges WHERE ctid IN (SELECT ctid FROM challenges"
                + " WHERE created_at < $1 LIMIT " + BATCH + ")";
        return total.compose(sum -> drain(pending, Tuple.of(Times.of(before)), sum))
                .compose(sum -> drain(challenges, Tuple.of(Times.of(before)), sum));
    }

    private Future<Long> aged(String table, Instant before, Future<Long> total) {
        String sql = "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table
                + " WHERE at < $1 LIMIT " + BATCH + ")";
        return total.compose(sum -> drain(sql, Tuple.of(Times.of(before)), sum));
    }

    private Future<Long> drain(String sql, Tuple args, long sum) {
        return pool.preparedQuery(sql).execute(args).compose(rows -> rows.rowCount() == BATCH
                ? drain(sql, args, sum + rows.rowCount()) : Future.succeededFuture(sum + rows.rowCount()));
    }
}
