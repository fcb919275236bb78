package dev.amfa.signals;

import dev.amfa.facts.Assessment;
import io.vertx.core.Future;

import java.time.Duration;

/** One risk signal: looks at a login and answers an {@link Assessment} within its time budget. */
public interface Signal {

    /** The name rules and the API know the signal by: NewDevice, ImpossibleTravel, UntrustedIP. */
    String name();

    /** How long the signal may take before it is answered for as assessment_not_available. */
    Duration budget(SignalSettings settings);

    /** May complete late or fail: {@link SignalRunner} turns both into assessment_not_available. */
    Future<Assessment> assess(SignalInput input);
}
