package dev.amfa.store.postgres;

import dev.amfa.decisions.DecisionEvent;
import dev.amfa.decisions.DecisionJson;
import dev.amfa.decisions.DecisionLog;
import dev.amfa.decisions.DecisionPage;
import dev.amfa.decisions.DecisionQuery;
import dev.amfa.decisions.DecisionRecord;
import dev.amfa.decisions.IpMasking;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The decision log in PostgreSQL, shared by every node. Appends only queue ({@link DecisionWriter} writes in
 * batches off the response path); reads first write what is queued, so a search sees every decision made
 * before it.
 */
public final class PgDecisionLog implements DecisionLog {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PgDecisionLog.class);
    /** How long a blocking read (replays, run on a worker thread) waits for the database. */
    static final long BLOCKING_READ_SECONDS = 30;
    private static final String COLUMNS = DecisionSearchSql.COLUMNS;

    private final Pool pool;
    private final DecisionWriter writer;
    private final IpMasking markers;

    public PgDecisionLog(Pool pool, DecisionWriter writer, IpMasking markers) {
        this.pool = pool;
        this.writer = writer;
        this.markers = markers;
    }

    public DecisionWriter writer() {
        return writer;
    }

    @Override
    public void add(DecisionRecord record) {
        writer.offer(record);
    }

    @Override
    public void appendEvent(DecisionEvent event) {
        writer.offer(event);
    }

    @Override
    public List<DecisionEvent> events(String evaluationId) {
        return await(eventsOf(evaluationId));
    }

    @Override
    public List<DecisionRecord> recent(String org, int limit) {
        return await(writer.flush().compose(w -> pool.preparedQuery("SELECT " + COLUMNS
                        + " FROM decisions WHERE org = $1 ORDER BY at DESC, id DESC LIMIT $2")
                .execute(Tuple.of(org, limit)).map(PgDecisionLog::records)));
    }

    @Override
    public Future<DecisionPage> search(DecisionQuery q) {
        DecisionSearchSql search = DecisionSearchSql.of(q);
        return writer.flush().compose(w -> pool.preparedQuery(search.sql()).execute(search.args()))
                .map(rows -> DecisionPage.of(records(rows), q.limit()));
    }

    @Override
    public Future<LoggedDecision> find(String evaluationId) {
        return writer.flush()
                .compose(w -> pool.preparedQuery("SELECT " + COLUMNS + " FROM decisions WHERE id = $1").execute(Tuple.of(evaluationId)))
                .compose(rows -> {
                    List<DecisionRecord> found = records(rows);
                    if (found.isEmpty()) return Future.succeededFuture();
                    return eventsOf(evaluationId).map(events -> new LoggedDecision(found.get(0), events));
                });
    }

    @Override
    public Future<Long> anonymise(String org, String userId) {
        String marker = markers.anonymousMarker(org, userId);
        return writer.flush().compose(w -> pool.withTransaction(c -> c.preparedQuery("""
                        UPDATE decisions SET user_id = $3, ip = $3,
                            record = jsonb_set(jsonb_set(jsonb_set(record #- '{request,user,email}' #- '{request,user,attributes}',
                                '{request,user,id}', to_jsonb($3::text)), '{request,ip}', '"0.0.0.0"'), '{ip}', to_jsonb($3::text))
                        WHERE org = $1 AND user_id = $2""").execute(Tuple.of(org, userId, marker))
                .compose(decisions -> c.preparedQuery("UPDATE decision_events SET user_id = $3 WHERE org = $1 AND user_id = $2")
                        .execute(Tuple.of(org, userId, marker)).map((long) decisions.rowCount()))));
    }

    @Override
    public Future<Void> flush() {
        return writer.flush();
    }

    private Future<List<DecisionEvent>> eventsOf(String evaluationId) {
        return writer.flush().compose(w -> pool.preparedQuery(
                        "SELECT evaluation_id, org, user_id, type, at, details FROM decision_events WHERE evaluation_id = $1 ORDER BY seq")
                .execute(Tuple.of(evaluationId)))
                .map(rows -> {
                    List<DecisionEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        Object details = row.getValue("details");
                        events.add(new DecisionEvent(row.getString("evaluation_id"), row.getString("org"),
                                row.getString("user_id"), row.getString("type"), row.getOffsetDateTime("at").toInstant(),
                                details instanceof JsonObject json ? json : new JsonObject(String.valueOf(details))));
                    }
                    return events;
                });
    }

    /**
     * The rows as records. A row that no longer reads (stored before today's input limits, say) is left out and
     * logged, so one old row cannot make every search of its org fail.
     */
    private static List<DecisionRecord> records(io.vertx.sqlclient.RowSet<Row> rows) {
        List<DecisionRecord> records = new ArrayList<>();
        for (Row row : rows) {
            try {
                Object record = row.getValue("record");
                records.add(DecisionJson.fromStored(row.getString("id"),
                        record instanceof JsonObject json ? json : new JsonObject(String.valueOf(record))));
            } catch (RuntimeException | StackOverflowError e) {
                LOG.warn("decision {} in the database does not read back, left out of the answer: {}",
                        row.getString("id"), e.toString());
            }
        }
        return records;
    }

    /** Future.await refuses Vert.x worker threads, where dry runs call recent(): a plain blocking get. */
    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(BLOCKING_READ_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the decision log did not answer within " + BLOCKING_READ_SECONDS + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the decision log failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the decision log", e);
        }
    }
}
