package dev.amfa.store;

import java.util.Arrays;
import java.util.List;

/** What of a user's history can be cleared (POST /v1/users/{id}/risk/clear, user erasure). */
public enum HistoryPart {
    /** Known devices: every device is new again. */
    DEVICES,
    /** Successful logins' places: the next login has no previous place to travel from. */
    PLACES,
    /** Failed logins, the user's own and those counted against IPs for them. */
    FAILURES;

    public static final List<String> NAMES = Arrays.stream(values()).map(HistoryPart::json).toList();

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static HistoryPart fromJson(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
