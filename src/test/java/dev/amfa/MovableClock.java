package dev.amfa;

import dev.amfa.simulate.ReplayClock;

import java.time.Duration;
import java.time.Instant;

/** A clock the test moves forward; nothing waits in real time. */
public final class MovableClock extends ReplayClock {
    public MovableClock(Instant start) {
        super(start);
    }

    public void advance(Duration by) {
        set(instant().plus(by));
    }
}
