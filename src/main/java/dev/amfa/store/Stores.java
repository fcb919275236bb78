package dev.amfa.store;

import dev.amfa.store.memory.InMemoryChallengeStore;
import dev.amfa.store.memory.InMemoryEvaluationStore;
import dev.amfa.store.memory.InMemoryFactorStore;
import dev.amfa.store.memory.InMemoryUserHistoryStore;
import dev.amfa.store.memory.InMemoryVelocityStore;
import dev.amfa.store.postgres.Migrations;
import dev.amfa.store.postgres.PgChallengeStore;
import dev.amfa.store.postgres.PgEvaluationStore;
import dev.amfa.store.postgres.PgFactorStore;
import dev.amfa.store.postgres.PgPolicyStore;
import dev.amfa.store.postgres.PgUserHistoryStore;
import dev.amfa.store.postgres.PgVelocityStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The stores one service instance uses; {@link #create} picks the implementation from configuration.
 *
 * @param pool    the database connections, or null for the in-memory stores
 * @param connect how to reach the database (for connections outside the pool: LISTEN), or null
 */
public record Stores(UserHistoryStore users, VelocityStore velocity, EvaluationStore evaluations,
                     ChallengeStore challenges, FactorStore factors, PolicyStore policies, Pool pool, PgConnectOptions connect) {
    /**
     * How far back failed logins are kept for velocity: the longest window a policy may ask about
     * (signals.properties refuses a longer untrusted_ip.velocity_window_minutes).
     */
    public static final Duration VELOCITY_RETENTION = Duration.ofDays(1);
    /** How long the in-memory store keeps a challenge: past its code's life and the per-user limit's window. */
    public static final Duration CHALLENGE_RETENTION = Duration.ofHours(1);
    /** Database connections per service node. */
    static final int POOL_SIZE = 8;

    /**
     * @param kind             "memory" (the zero-configuration default) or "postgres"
     * @param pgUrl            postgresql://user@host:port/database, for "postgres"
     * @param outcomeRetention how long an evaluation waits for its outcome
     */
    public static Future<Stores> create(Vertx vertx, String kind, String pgUrl, Duration outcomeRetention) {
        return switch (kind) {
            case "memory" -> Future.succeededFuture(memory(outcomeRetention));
            case "postgres" -> {
                if (pgUrl == null || pgUrl.isBlank()) {
                    yield Future.failedFuture(new IllegalArgumentException("the postgres store needs --pg-url / AMFA_PG_URL"));
                }
                yield postgres(vertx, PgConnectOptions.fromUri(pgUrl), outcomeRetention);
            }
            default -> Future.failedFuture(new IllegalArgumentException("unknown store '" + kind + "': expected memory or postgres"));
        };
    }

    public static Stores memory(Duration outcomeRetention) {
        return new Stores(new InMemoryUserHistoryStore(), new InMemoryVelocityStore(VELOCITY_RETENTION),
                new InMemoryEvaluationStore(outcomeRetention), new InMemoryChallengeStore(CHALLENGE_RETENTION),
                new InMemoryFactorStore(), PolicyStore.none(), null, null);
    }

    /** Connects, applies the schema migrations, and answers the stores over the pool. */
    public static Future<Stores> postgres(Vertx vertx, PgConnectOptions connect, Duration outcomeRetention) {
        // Every store query is a fixed prepared statement: parse and plan each once per connection.
        connect.setCachePreparedStatements(true);
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(POOL_SIZE)).connectingTo(connect).using(vertx).build();
        return Migrations.apply(pool)
                .map(version -> new Stores(new PgUserHistoryStore(pool), new PgVelocityStore(pool),
                        new PgEvaluationStore(pool, outcomeRetention), new PgChallengeStore(pool), new PgFactorStore(pool),
                        new PgPolicyStore(pool, ManagementFactory.getRuntimeMXBean().getName()), pool, connect))
                .onFailure(e -> pool.close());
    }

    public Future<Void> close() {
        return pool == null ? Future.succeededFuture() : pool.close();
    }
}
