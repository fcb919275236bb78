package dev.amfa.simulate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The server's clock during a replay of recorded days: set to each login's time before it is evaluated, so the
 * service's windows (devices seen, failures counted, the newest timestamp it accepts) move with the logins
 * instead of piling fourteen days of failures into the minute the replay takes. The tests' MovableClock is one.
 */
public class ReplayClock extends Clock {
    private volatile Instant now;

    public ReplayClock(Instant start) {
        this.now = start;
    }

    /** Set to each login's time, in order (LabelledRun gives each org an era of its own, after the last). */
    public void set(Instant instant) {
        now = instant;
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
        if (!ZoneOffset.UTC.equals(zone)) throw new UnsupportedOperationException("a replay runs in UTC");
        return this;
    }
}
