package dev.amfa.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the device and travel signals need to know about a user, fetched in one read.
 *
 * @param firstSeen when the user's first successful login was recorded; null for a user never seen
 * @param logins    newest first
 * @param failures  times of recent failed logins, newest first
 */
public record UserHistory(Instant firstSeen, List<KnownDevice> devices, List<KnownLogin> logins,
                          List<Instant> failures) {
    public static final UserHistory NONE = new UserHistory(null, List.of(), List.of(), List.of());

    public boolean neverSeen() {
        return firstSeen == null;
    }

    public Optional<KnownLogin> lastLogin() {
        return logins.isEmpty() ? Optional.empty() : Optional.of(logins.get(0));
    }

    public int failuresSince(Instant since) {
        return (int) failures.stream().filter(t -> !t.isBefore(since)).count();
    }
}
