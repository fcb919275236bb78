package dev.amfa.store;

import io.vertx.core.Future;

/** Per-user memory of successful logins (devices, places) and failed ones. Users are scoped by org. */
public interface UserHistoryStore {

    /** One read for everything the signals need; a user never seen answers {@link UserHistory#NONE}. */
    Future<UserHistory> load(String org, String userId);

    /** Learns from a successful login at {@code at}; device or login is null when the login had no device or place. */
    Future<Void> rememberSuccess(String org, String userId, java.time.Instant at, KnownDevice device, KnownLogin login);

    Future<Void> recordFailure(String org, String userId, java.time.Instant at);

    /**
     * Unlearns one login found fraudulent: the device it taught (by key; null for none) and the place recorded
     * at its time. The user's other devices and places stay.
     */
    Future<Void> forgetLogin(String org, String userId, String deviceKey, java.time.Instant at);

    /** Forgets the given parts of the user's history; with both devices and places the user is as never seen. */
    Future<Void> clear(String org, String userId, java.util.Set<HistoryPart> what);
}
