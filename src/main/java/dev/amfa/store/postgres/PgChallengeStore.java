package dev.amfa.store.postgres;

import dev.amfa.store.Challenge;
import dev.amfa.store.ChallengeStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * Challenges in PostgreSQL, so a verification may reach another node than the start. Attempts, finishing and
 * new codes are single conditional UPDATEs: of two nodes racing, one wins and the limit holds.
 */
public final class PgChallengeStore implements ChallengeStore {
    private static final String COLUMNS = "id, evaluation_id, org, user_id, factor, email, code_hash, created_at, "
            + "expires_at, attempts, status, sends, last_sent_at, service";

    private static final String TAKE_ATTEMPT = "UPDATE challenges SET attempts = attempts + 1 "
            + "WHERE id = $1 AND status = 'pending' AND attempts < $2 RETURNING " + COLUMNS;

    private final Pool pool;

    public PgChallengeStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> create(Challenge c) {
        return insert(pool, c);
    }

    private static Future<Void> insert(SqlClient client, Challenge c) {
        return client.preparedQuery("INSERT INTO challenges (" + COLUMNS + ") "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
                .execute(Tuple.from(new Object[]{c.id(), c.evaluationId(), c.org(), c.userId(), c.factor(), c.email(),
                        c.codeHash() == null ? null : Buffer.buffer(c.codeHash()), Times.of(c.createdAt()),
                        Times.of(c.expiresAt()), c.attempts(), c.status(), c.sends(),
                        c.lastSentAt() == null ? null : Times.of(c.lastSentAt()), c.service()}))
                .mapEmpty();
    }

    @Override
    public Future<Challenge> find(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM challenges WHERE id = $1").execute(Tuple.of(id))
                .map(PgChallengeStore::first);
    }

    @Override
    public Future<Challenge> takeAttempt(String id, int maxAttempts) {
        return pool.preparedQuery(TAKE_ATTEMPT).execute(Tuple.of(id, maxAttempts)).map(PgChallengeStore::first);
    }

    @Override
    public Future<Boolean> finish(String id, String status) {
        return pool.preparedQuery("UPDATE challenges SET status = $2 WHERE id = $1 AND status = 'pending'")
                .execute(Tuple.of(id, status)).map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<Boolean> replaceCode(String id, byte[] codeHash, Instant expiresAt, Instant sentAt, int sendsSeen) {
        return pool.preparedQuery("UPDATE challenges SET code_hash = $2, expires_at = $3, last_sent_at = $4, "
                        + "sends = sends + 1 WHERE id = $1 AND status = 'pending' AND sends = $5")
                .execute(Tuple.of(id, Buffer.buffer(codeHash), Times.of(expiresAt), Times.of(sentAt), sendsSeen))
                .map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<Boolean> createWithin(Challenge c, UserLimit starts) {
        return pool.withTransaction(connection -> lockUser(connection, c.org(), c.userId())
                .compose(locked -> activity(connection, c.org(), c.userId(), starts.since()))
                .compose(activity -> activity.starts() >= starts.max() ? Future.succeededFuture(false)
                        : insert(connection, c).map(true)));
    }

    @Override
    public Future<Attempt> takeAttemptWithin(String id, int maxAttempts, UserLimit failures) {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT org, user_id FROM challenges WHERE id = $1")
                .execute(Tuple.of(id)).compose(owner -> {
                    if (owner.rowCount() == 0) return Future.succeededFuture(Attempt.NONE_LEFT);
                    Row row = owner.iterator().next();
                    String org = row.getString("org");
                    String userId = row.getString("user_id");
                    return lockUser(connection, org, userId)
                            .compose(locked -> activity(connection, org, userId, failures.since()))
                            .compose(activity -> activity.failures() >= failures.max()
                                    ? Future.succeededFuture(Attempt.USER_LIMITED)
                                    : connection.preparedQuery(TAKE_ATTEMPT).execute(Tuple.of(id, maxAttempts))
                                    .map(rows -> new Attempt(first(rows), false)));
                }));
    }

    @Override
    public Future<SendLimit> recordSend(List<SendLimit> limits, Instant since, Instant at) {
        // Locked in one order, so two sends sharing scopes never wait on each other the other way round.
        List<SendLimit> sorted = limits.stream().sorted(Comparator.comparing(SendLimit::scope)).toList();
        return pool.withTransaction(connection -> {
            Future<SendLimit> reached = Future.succeededFuture();
            for (SendLimit limit : sorted) {
                reached = reached.compose(full -> full != null ? Future.succeededFuture(full) : connection
                        .preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of("sends:" + limit.scope()))
                        // The scope's old sends go as it is used: the table holds one window of sends per scope.
                        .compose(locked -> connection.preparedQuery("DELETE FROM email_sends WHERE scope = $1 AND at < $2")
                                .execute(Tuple.of(limit.scope(), Times.of(since))))
                        .compose(pruned -> connection.preparedQuery("SELECT count(*) AS sent FROM email_sends WHERE scope = $1")
                                .execute(Tuple.of(limit.scope())))
                        .map(rows -> rows.iterator().next().getLong("sent") >= limit.max() ? limit : null));
            }
            return reached.compose(full -> {
                if (full != null) return Future.succeededFuture(full);
                List<Tuple> rows = sorted.stream().map(limit -> Tuple.of(limit.scope(), Times.of(at))).toList();
                return connection.preparedQuery("INSERT INTO email_sends (scope, at) VALUES ($1, $2)").executeBatch(rows)
                        .map((SendLimit) null);
            });
        });
    }

    /** Serialises one user's starts and attempts until the transaction ends, on every node. */
    private static Future<?> lockUser(SqlClient connection, String org, String userId) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("challenges:" + org + "/" + userId));
    }

    @Override
    public Future<ChallengeActivity> activity(String org, String userId, Instant since) {
        return activity(pool, org, userId, since);
    }

    private static Future<ChallengeActivity> activity(SqlClient client, String org, String userId, Instant since) {
        return client.preparedQuery("SELECT count(*) AS starts, "
                        + "coalesce(sum(attempts - CASE WHEN status = 'passed' THEN 1 ELSE 0 END), 0) AS failures "
                        + "FROM challenges WHERE org = $1 AND user_id = $2 AND created_at >= $3")
                .execute(Tuple.of(org, userId, Times.of(since)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new ChallengeActivity(row.getLong("starts").intValue(), row.getLong("failures").intValue());
                });
    }

    @Override
    public Future<Void> erase(String org, String userId) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("DELETE FROM challenges WHERE org = $1 AND user_id = $2").execute(Tuple.of(org, userId))
                .compose(done -> connection.preparedQuery("DELETE FROM email_sends WHERE scope = $1")
                        .execute(Tuple.of(SendLimit.userScope(org, userId))))
                .mapEmpty());
    }

    private static Challenge first(RowSet<Row> rows) {
        if (rows.rowCount() == 0) return null;
        Row row = rows.iterator().next();
        Buffer hash = row.getBuffer("code_hash");
        OffsetDateTime sent = row.getOffsetDateTime("last_sent_at");
        return new Challenge(row.getString("id"), row.getString("evaluation_id"), row.getString("org"),
                row.getString("user_id"), row.getString("factor"), row.getString("email"),
                hash == null ? null : hash.getBytes(), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("expires_at").toInstant(), row.getInteger("attempts"), row.getString("status"),
                row.getInteger("sends"), sent == null ? null : sent.toInstant(), row.getString("service"));
    }
}
