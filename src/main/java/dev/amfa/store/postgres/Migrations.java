package dev.amfa.store.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Applies db/migration/V&lt;n&gt;__*.sql, each once, in order, in one transaction under an advisory lock, so two
 * nodes starting at the same moment do not both migrate. A database migrated by newer code than this is
 * refused: this code does not know what those versions changed.
 */
public final class Migrations {
    /** Every migration, in order; version n is entry n-1. Add new files at the end, never edit applied ones. */
    static final List<String> FILES = List.of("V1__stores.sql", "V2__policy_versions.sql", "V3__challenges.sql",
            "V4__decisions.sql", "V5__callers.sql",
            "V6__device_fingerprints.sql");
    /** pg_advisory_xact_lock key: any constant shared by every node of the service. */
    private static final long LOCK = 0x616d6661L; // "amfa"

    private Migrations() {
    }

    /** @return the database's schema version after migrating */
    public static Future<Integer> apply(Pool pool) {
        return pool.withTransaction(connection -> connection.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute()
                .compose(locked -> connection.query("""
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            version    integer     PRIMARY KEY,
                            applied_at timestamptz NOT NULL DEFAULT now())""").execute())
                .compose(created -> connection.query("SELECT coalesce(max(version), 0) AS v FROM schema_migrations").execute())
                .compose(rows -> migrateFrom(connection, rows.iterator().next().getInteger("v"))));
    }

    private static Future<Integer> migrateFrom(SqlConnection connection, int current) {
        if (current > FILES.size()) {
            return Future.failedFuture(new IllegalStateException("the database schema is at version " + current
                    + ", newer than this code knows (" + FILES.size() + "): run a newer amfa"));
        }
        Future<Void> chain = Future.succeededFuture();
        for (int version = current + 1; version <= FILES.size(); version++) {
            int v = version;
            chain = chain.compose(done -> connection.query(sql(FILES.get(v - 1))).execute())
                    .compose(done -> connection.preparedQuery("INSERT INTO schema_migrations (version) VALUES ($1)")
                            .execute(Tuple.of(v)))
                    .mapEmpty();
        }
        return chain.map(FILES.size());
    }

    private static String sql(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + file)) {
            if (in == null) throw new IllegalStateException("migration " + file + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
