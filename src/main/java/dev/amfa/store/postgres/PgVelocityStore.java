package dev.amfa.store.postgres;

import dev.amfa.store.IpVelocity;
import dev.amfa.store.VelocityStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;

/** Failed logins per IP in PostgreSQL, shared by every node: a burst spread over nodes is still one burst. */
public final class PgVelocityStore implements VelocityStore {
    private final Pool pool;

    public PgVelocityStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<IpVelocity> failuresFrom(String ip, Instant since) {
        return pool.preparedQuery("SELECT count(*) AS failures, count(DISTINCT user_key) AS users FROM ip_failures "
                        + "WHERE ip = $1 AND at >= $2")
                .execute(Tuple.of(ip, Times.of(since)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new IpVelocity(row.getLong("failures").intValue(), row.getLong("users").intValue());
                });
    }

    @Override
    public Future<Void> recordFailure(String ip, String userKey, Instant at) {
        return pool.preparedQuery("INSERT INTO ip_failures (ip, user_key, at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(ip, userKey, Times.of(at))).mapEmpty();
    }

    @Override
    public Future<Void> clearUser(String userKey) {
        return pool.preparedQuery("DELETE FROM ip_failures WHERE user_key = $1").execute(Tuple.of(userKey)).mapEmpty();
    }
}
