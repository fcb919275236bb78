package dev.amfa.evaluation;

import java.time.Duration;
import java.time.Instant;

/**
 * How far the {@code timestamp} of a live evaluation may be from the server's clock. The caller's timestamp
 * dates the login (the decision log, the rules' facts, the time travelled since the last login); it must not
 * steer the windows, which end at the server's clock. Ahead by more than {@code maxAhead} is refused: a login
 * dated in the future looked past the velocity window, stayed the user's "last login" (impossible travel off
 * for good) and kept a device known. Older than {@code maxAge} is refused too: such a replay would only be
 * deleted by retention, and dates like -999999999 overflow arithmetic and the database's timestamp range.
 * Within {@code maxAge} a past timestamp is a replay (the {@code amfa simulate} traffic, a late batch of logins).
 */
public record RequestTime(Duration maxAhead, Duration maxAge) {
    public static final RequestTime DEFAULTS = new RequestTime(Duration.ofMinutes(5), Duration.ofDays(365));

    public RequestTime {
        if (maxAhead.isNegative()) throw new IllegalArgumentException("the allowed clock skew must not be negative");
        if (maxAge.isNegative() || maxAge.isZero()) throw new IllegalArgumentException("the timestamp age must be positive");
    }

    /** @throws InvalidInputException naming {@code timestamp} when it is outside the bounds around {@code now} */
    void check(Instant timestamp, Instant now) {
        if (timestamp.isAfter(now.plus(maxAhead))) {
            throw new InvalidInputException("timestamp", "is more than " + maxAhead.toSeconds()
                    + " s ahead of the server's clock (" + now + "); send the login's time, or leave it out for now");
        }
        if (timestamp.isBefore(now.minus(maxAge))) {
            throw new InvalidInputException("timestamp", "is more than " + maxAge.toDays()
                    + " days old; replays must be younger than that");
        }
    }
}
