package dev.amfa.simulate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The server's clock during a labelled replay: set to each login's own time before it is evaluated, so the
 * windows that end at the server's time (velocity, device history) span the population's days as they were
 * lived. On the system clock, every failure of a two-week population falls into one 15-minute velocity window:
 * admin-portal's 1,690 denials made the carrier addresses they share `high_velocity` for bank and
 * consumer-app (56 legitimate logins challenged or denied, measured). Tests move it too ({@code MovableClock}).
 */
public class ReplayClock extends Clock {
    private volatile Instant now;

    public ReplayClock(Instant start) {
        this.now = start;
    }

    public void set(Instant at) {
        now = at;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
