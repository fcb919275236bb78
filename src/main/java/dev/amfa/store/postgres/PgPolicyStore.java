package dev.amfa.store.postgres;

import dev.amfa.policy.PolicySources;
import dev.amfa.store.PolicyStore;
import dev.amfa.store.SharedPolicy;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

/**
 * Policy versions in PostgreSQL. Publishing inserts the version and notifies {@link #CHANNEL} in the same
 * transaction, so a notification never announces a row that is not there; the payload is only the sequence
 * number (a NOTIFY payload is capped at ~8 kB, a policy is not).
 */
public final class PgPolicyStore implements PolicyStore {
    /** The LISTEN/NOTIFY channel every node subscribes to. */
    public static final String CHANNEL = "amfa_policies";

    private final Pool pool;
    private final String node;

    /** @param node this node's name, kept with what it publishes */
    public PgPolicyStore(Pool pool, String node) {
        this.pool = pool;
        this.node = node;
    }

    @Override
    public Future<Long> publish(PolicySources sources, String change) {
        JsonObject files = new JsonObject();
        sources.files().forEach(files::put);
        return pool.withTransaction(connection -> connection.preparedQuery(
                        "INSERT INTO policy_versions (org, version, files, change, node) VALUES ($1, $2, $3, $4, $5) RETURNING seq")
                .execute(Tuple.of(sources.org(), sources.version(), files, change, node))
                .map(rows -> rows.iterator().next().getLong("seq"))
                .compose(seq -> connection.preparedQuery("SELECT pg_notify($1, $2)")
                        .execute(Tuple.of(CHANNEL, Long.toString(seq))).map(seq)));
    }

    @Override
    public Future<List<SharedPolicy>> since(long seq) {
        return pool.preparedQuery("SELECT seq, org, files, change, node, created_at FROM policy_versions WHERE seq > $1 ORDER BY seq")
                .execute(Tuple.of(seq))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(PgPolicyStore::shared).toList());
    }

    private static SharedPolicy shared(Row row) {
        Map<String, String> files = new TreeMap<>();
        row.getJsonObject("files").forEach(e -> files.put(e.getKey(), (String) e.getValue()));
        return new SharedPolicy(row.getLong("seq"), new PolicySources(row.getString("org"), files),
                row.getString("change"), row.getString("node"), row.getOffsetDateTime("created_at").toInstant());
    }
}
