package dev.amfa.store.postgres;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** timestamptz in and out: the client speaks OffsetDateTime, the stores speak Instant. */
final class Times {
    private Times() {
    }

    static OffsetDateTime of(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** A timestamp rendered inside json_agg output ("2026-11-20T08:00:00+00:00"). */
    static Instant parse(String json) {
        return OffsetDateTime.parse(json).toInstant();
    }
}
