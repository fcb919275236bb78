package dev.amfa.store;

import dev.amfa.store.memory.InMemoryEvaluationStore;
import dev.amfa.store.memory.InMemoryUserHistoryStore;
import dev.amfa.store.memory.InMemoryVelocityStore;

import java.time.Duration;

/** The stores one service instance uses; {@link #create} picks the implementation from configuration. */
public record Stores(UserHistoryStore users, VelocityStore velocity, EvaluationStore evaluations) {

    /**
     * How far back failed logins are kept for velocity: the longest window a policy may ask about
     * (signals.properties refuses a longer untrusted_ip.velocity_window_minutes).
     */
    public static final Duration VELOCITY_RETENTION = Duration.ofDays(1);

    /**
     * @param kind             "memory" (the zero-configuration default); "postgres" arrives with the PostgreSQL store
     * @param outcomeRetention how long an evaluation waits for its outcome
     */
    public static Stores create(String kind, Duration outcomeRetention) {
        if ("memory".equals(kind)) {
            return new Stores(new InMemoryUserHistoryStore(), new InMemoryVelocityStore(VELOCITY_RETENTION),
                    new InMemoryEvaluationStore(outcomeRetention));
        }
        throw new IllegalArgumentException("unknown store '" + kind + "': expected memory");
    }
}
