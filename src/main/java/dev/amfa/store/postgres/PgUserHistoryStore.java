package dev.amfa.store.postgres;

import dev.amfa.geo.Place;
import dev.amfa.store.HistoryPart;
import dev.amfa.store.KnownDevice;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.UserHistory;
import dev.amfa.store.UserHistoryStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** User history in PostgreSQL: everything the signals need in one round trip, bounded like the in-memory store. */
public final class PgUserHistoryStore implements UserHistoryStore {
    /** Most recent devices, logins and failures read per user: the signals never need more. */
    static final int RECENT = 100;

    private static final String LOAD = """
            SELECT (SELECT first_seen FROM users_seen WHERE org = $1 AND user_id = $2) AS first_seen,
                   (SELECT coalesce(json_agg(d), '[]') FROM (SELECT device_key, fingerprint, browser, os, last_seen FROM known_devices
                     WHERE org = $1 AND user_id = $2 ORDER BY last_seen DESC LIMIT $3) d) AS devices,
                   (SELECT coalesce(json_agg(l), '[]') FROM (SELECT at, place FROM logins
                     WHERE org = $1 AND user_id = $2 ORDER BY at DESC LIMIT $3) l) AS logins,
                   (SELECT coalesce(json_agg(f.at), '[]') FROM (SELECT at FROM user_failures
                     WHERE org = $1 AND user_id = $2 ORDER BY at DESC LIMIT $3) f) AS failures""";

    private final Pool pool;

    public PgUserHistoryStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<UserHistory> load(String org, String userId) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(org, userId, RECENT)).map(rows -> history(rows.iterator().next()));
    }

    private static UserHistory history(Row row) {
        if (row.getOffsetDateTime("first_seen") == null) return UserHistory.NONE;
        List<KnownDevice> devices = new ArrayList<>();
        for (Object d : json(row.getValue("devices"))) {
            JsonObject device = (JsonObject) d;
            devices.add(new KnownDevice(device.getString("device_key"), device.getString("fingerprint"), device.getString("browser"),
                    device.getString("os"), Times.parse(device.getString("last_seen"))));
        }
        List<KnownLogin> logins = new ArrayList<>();
        for (Object l : json(row.getValue("logins"))) {
            JsonObject login = (JsonObject) l;
            logins.add(new KnownLogin(Place.fromJson(login.getJsonObject("place")), Times.parse(login.getString("at"))));
        }
        List<Instant> failures = new ArrayList<>();
        for (Object f : json(row.getValue("failures"))) failures.add(Times.parse((String) f));
        return new UserHistory(row.getOffsetDateTime("first_seen").toInstant(), devices, logins, failures);
    }

    private static JsonArray json(Object value) {
        return value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
    }

    @Override
    public Future<Void> rememberSuccess(String org, String userId, Instant at, KnownDevice device, KnownLogin login) {
        return pool.withTransaction(connection -> {
            Future<?> done = connection.preparedQuery("""
                    INSERT INTO users_seen (org, user_id, first_seen) VALUES ($1, $2, $3)
                    ON CONFLICT (org, user_id) DO UPDATE SET first_seen = least(users_seen.first_seen, excluded.first_seen)""")
                    .execute(Tuple.of(org, userId, Times.of(at)));
            if (device != null) {
                done = done.compose(x -> connection.preparedQuery("""
                        INSERT INTO known_devices (org, user_id, device_key, fingerprint, browser, os, last_seen)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT (org, user_id, device_key) DO UPDATE SET browser = excluded.browser, os = excluded.os,
                            fingerprint = coalesce(excluded.fingerprint, known_devices.fingerprint),
                            last_seen = greatest(known_devices.last_seen, excluded.last_seen)""")
                        .execute(Tuple.of(org, userId, device.key(), device.fingerprint(), device.browserFamily(),
                                device.osFamily(), Times.of(device.lastSeen()))));
            }
            if (login != null) {
                done = done.compose(x -> connection.preparedQuery(
                                "INSERT INTO logins (org, user_id, at, place) VALUES ($1, $2, $3, $4)")
                        .execute(Tuple.of(org, userId, Times.of(login.at()), login.place().toJson())));
            }
            return done.mapEmpty();
        });
    }

    @Override
    public Future<Void> recordFailure(String org, String userId, Instant at) {
        return pool.preparedQuery("INSERT INTO user_failures (org, user_id, at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(org, userId, Times.of(at))).mapEmpty();
    }

    @Override
    public Future<Void> forgetLogin(String org, String userId, String deviceKey, Instant at) {
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM known_devices WHERE org = $1 AND user_id = $2 AND device_key = $3")
                .execute(Tuple.of(org, userId, deviceKey))
                .compose(x -> c.preparedQuery("DELETE FROM logins WHERE org = $1 AND user_id = $2 AND at = $3")
                        .execute(Tuple.of(org, userId, Times.of(at)))).mapEmpty());
    }

    @Override
    public Future<Void> clear(String org, String userId, java.util.Set<HistoryPart> what) {
        List<String> tables = new ArrayList<>();
        if (what.contains(HistoryPart.DEVICES)) tables.add("known_devices");
        if (what.contains(HistoryPart.PLACES)) tables.add("logins");
        if (what.contains(HistoryPart.FAILURES)) tables.add("user_failures");
        if (what.contains(HistoryPart.DEVICES) && what.contains(HistoryPart.PLACES)) tables.add("users_seen");
        return pool.withTransaction(c -> {
            Future<?> done = Future.succeededFuture();
            for (String table : tables) {
                done = done.compose(x -> c.preparedQuery("DELETE FROM " + table + " WHERE org = $1 AND user_id = $2")
                        .execute(Tuple.of(org, userId)));
            }
            return done.mapEmpty();
        });
    }
}
