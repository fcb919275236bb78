package dev.amfa.store.memory;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.amfa.store.KnownDevice;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.UserHistory;
import dev.amfa.store.UserHistoryStore;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * User history in the heap: the zero-configuration store. Each user keeps a bounded number of devices,
 * places and failures (the most recent), so one busy account cannot grow without end, and the users
 * remembered are bounded too.
 */
public final class InMemoryUserHistoryStore implements UserHistoryStore {
    static final int MAX_DEVICES = 50;
    static final int MAX_LOGINS = 100;
    static final int MAX_FAILURES = 100;

    /** Users remembered; the least recently seen is forgotten first (the database store has no such bound). */
    public static final int MAX_USERS = 500_000;

    private final Map<String, UserRecord> users = Caffeine.newBuilder().maximumSize(MAX_USERS)
            .executor(Runnable::run).<String, UserRecord>build().asMap();

    @Override
    public Future<UserHistory> load(String org, String userId) {
        UserRecord user = users.get(key(org, userId));
        return Future.succeededFuture(user == null ? UserHistory.NONE : user.snapshot());
    }

    @Override
    public Future<Void> rememberSuccess(String org, String userId, Instant at, KnownDevice device, KnownLogin login) {
        users.computeIfAbsent(key(org, userId), k -> new UserRecord()).success(at, device, login);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> recordFailure(String org, String userId, Instant at) {
        users.computeIfAbsent(key(org, userId), k -> new UserRecord()).failure(at);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> forgetLogin(String org, String userId, String deviceKey, Instant at) {
        UserRecord user = users.get(key(org, userId));
        if (user != null) user.forget(deviceKey, at);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> clear(String org, String userId, java.util.Set<dev.amfa.store.HistoryPart> what) {
        UserRecord user = users.get(key(org, userId));
        if (user != null) user.clear(what);
        return Future.succeededFuture();
    }

    private static String key(String org, String userId) {
        return org + '\u0000' + userId;
    }

    /** One user's history; mutations and snapshots hold its lock, so a reader never sees a half-made change. */
    private static final class UserRecord {
        private Instant firstSeen;
        private final List<KnownDevice> devices = new ArrayList<>();
        private final List<KnownLogin> logins = new ArrayList<>();
        private final List<Instant> failures = new ArrayList<>();

        synchronized void success(Instant at, KnownDevice device, KnownLogin login) {
            if (firstSeen == null || at.isBefore(firstSeen)) firstSeen = at;
            if (device != null) {
                KnownDevice merged = device;
                for (KnownDevice known : devices) {
                    if (known.key().equals(device.key())) merged = known.seenAgain(device);
                }
                devices.removeIf(d -> d.key().equals(device.key()));
                devices.add(0, merged);
                trim(devices, MAX_DEVICES);
            }
            if (login != null) {
                logins.add(0, login);
                logins.sort((a, b) -> b.at().compareTo(a.at()));
                trim(logins, MAX_LOGINS);
            }
        }

        synchronized void failure(Instant at) {
            failures.add(0, at);
            trim(failures, MAX_FAILURES);
        }

        synchronized void forget(String deviceKey, Instant at) {
            if (deviceKey != null) devices.removeIf(d -> d.key().equals(deviceKey));
            logins.removeIf(l -> l.at().equals(at));
        }

        synchronized void clear(java.util.Set<dev.amfa.store.HistoryPart> what) {
            if (what.contains(dev.amfa.store.HistoryPart.DEVICES)) devices.clear();
            if (what.contains(dev.amfa.store.HistoryPart.PLACES)) logins.clear();
            if (what.contains(dev.amfa.store.HistoryPart.FAILURES)) failures.clear();
            if (what.contains(dev.amfa.store.HistoryPart.DEVICES) && what.contains(dev.amfa.store.HistoryPart.PLACES)) {
                firstSeen = null;
            }
        }

        synchronized UserHistory snapshot() {
            return new UserHistory(firstSeen, List.copyOf(devices), List.copyOf(logins), List.copyOf(failures));
        }

        private static void trim(List<?> list, int max) {
            while (list.size() > max) list.remove(list.size() - 1);
        }
    }
}
