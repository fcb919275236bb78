package dev.amfa.store.postgres;

import dev.amfa.callers.Caller;
import dev.amfa.geo.Place;
import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.EvaluationStore;
import dev.amfa.store.KnownDevice;
import dev.amfa.store.OutcomeClaim;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Evaluations awaiting their outcome, in PostgreSQL: an outcome may reach another node than the evaluation.
 * The claim is one conditional UPDATE, so of two nodes racing, exactly one records it.
 */
public final class PgEvaluationStore implements EvaluationStore {
    private static final String COLUMNS = "id, org, user_id, ip, at, device, place, action, factors, email, enrolled_factors, service";
    /** Rows the caller may use ($3 admin, $4 its service name, $5 its orgs or null for every org); see {@link Caller#mayUse}. */
    private static final String USABLE_BY = "($3 OR (service = $4 AND ($5::text[] IS NULL OR org = ANY($5))))";

    private final Pool pool;
    private final Duration retention;

    public PgEvaluationStore(Pool pool, Duration retention) {
        this.pool = pool;
        this.retention = retention;
    }

    @Override
    public Future<Void> save(EvaluationRecord r) {
        return pool.preparedQuery("INSERT INTO pending_evaluations (" + COLUMNS + ") "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .execute(Tuple.from(new Object[]{r.id(), r.org(), r.userId(), r.ip(), Times.of(r.at()), device(r.device()),
                        r.place() == null ? null : r.place().toJson(), r.action(), new JsonArray(r.factors()), r.email(),
                        new JsonArray(r.enrolledFactors()), r.service()}))
                .mapEmpty();
    }

    @Override
    public Future<OutcomeClaim> claimOutcome(String id, Caller caller) {
        Tuple args = Tuple.of(id, Times.of(Instant.now().minus(retention)), caller.admin(), caller.name(),
                caller.orgs() == null ? null : caller.orgs().toArray(String[]::new));
        return pool.preparedQuery("UPDATE pending_evaluations SET outcome_at = now() "
                        + "WHERE id = $1 AND outcome_at IS NULL AND created_at >= $2 AND " + USABLE_BY + " RETURNING " + COLUMNS)
                .execute(args)
                .compose(rows -> {
                    if (rows.rowCount() == 1) return Future.succeededFuture(OutcomeClaim.claimed(record(rows.iterator().next())));
                    return pool.preparedQuery("SELECT 1 FROM pending_evaluations WHERE id = $1 AND created_at >= $2 AND " + USABLE_BY)
                            .execute(args)
                            .map(found -> found.rowCount() == 0 ? OutcomeClaim.UNKNOWN : OutcomeClaim.ALREADY_RECORDED);
                });
    }

    @Override
    public Future<EvaluationRecord> findPending(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM pending_evaluations "
                        + "WHERE id = $1 AND outcome_at IS NULL AND created_at >= $2")
                .execute(Tuple.of(id, Times.of(Instant.now().minus(retention))))
                .map(rows -> rows.rowCount() == 0 ? null : record(rows.iterator().next()));
    }

    @Override
    public Future<Void> erase(String org, String userId) {
        // No index on the user: erasure is rare, the table holds one outcome retention of traffic, and an
        // index would cost every evaluation's insert.
        return pool.preparedQuery("DELETE FROM pending_evaluations WHERE org = $1 AND user_id = $2")
                .execute(Tuple.of(org, userId)).mapEmpty();
    }

    private static JsonObject device(KnownDevice device) {
        if (device == null) return null;
        return new JsonObject().put("key", device.key()).put("fingerprint", device.fingerprint()).put("browser", device.browserFamily())
                .put("os", device.osFamily()).put("last_seen", device.lastSeen().toString());
    }

    private static EvaluationRecord record(Row row) {
        JsonObject device = (JsonObject) row.getValue("device");
        JsonObject place = (JsonObject) row.getValue("place");
        String action = row.getString("action");
        return new EvaluationRecord(row.getString("id"), row.getString("org"), row.getString("user_id"),
                row.getString("ip"), row.getOffsetDateTime("at").toInstant(),
                device == null ? null : new KnownDevice(device.getString("key"), device.getString("fingerprint"), device.getString("browser"),
                        device.getString("os"), Instant.parse(device.getString("last_seen"))),
                place == null ? null : Place.fromJson(place),
                // Rows written before V2 have no action: their decision is unknown here, so nothing is challenged.
                action == null ? "allow" : action, strings(row.getValue("factors")), row.getString("email"),
                strings(row.getValue("enrolled_factors")), row.getString("service"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object json) {
        return json instanceof JsonArray array ? (List<String>) (List<?>) array.getList() : List.of();
    }
}
