package dev.amfa.store.postgres;

import dev.amfa.TestService;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

import java.util.Map;
import java.util.UUID;

/**
 * A schema of its own in the local PostgreSQL (127.0.0.1:5432, user postgres, database test) for one test
 * class, dropped afterwards, so runs never see each other's data.
 */
public final class PgSchema implements AutoCloseable {
    public static final String URL = System.getProperty("amfa.test.pg", "postgresql://postgres@127.0.0.1:5432/test");

    private final Vertx vertx;
    private final Pool admin;
    public final String name = "amfa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public PgSchema(Vertx vertx) {
        this.vertx = vertx;
        this.admin = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(URL)).using(vertx).build();
        TestService.await(admin.query("CREATE SCHEMA " + name).execute());
    }

    /** Connection options whose every session works in this schema. */
    public PgConnectOptions options() {
        return PgConnectOptions.fromUri(URL).setProperties(Map.of("search_path", name));
    }

    /** The URL form, for a service configured like production (its pool sets the search path). */
    public String url() {
        return URL + "?search_path=" + name;
    }

    public Pool admin() {
        return admin;
    }

    @Override
    public void close() {
        TestService.await(admin.query("DROP SCHEMA " + name + " CASCADE").execute());
        TestService.await(admin.close());
    }
}
