package dev.amfa.store;

import dev.amfa.store.memory.InMemoryEvaluationStore;
import dev.amfa.store.memory.InMemoryUserHistoryStore;
import dev.amfa.store.memory.InMemoryVelocityStore;

import java.time.Duration;

/** The stores one service instance uses; {@link #create} picks the implementation from configuration. */
public record Stores(UserHistoryStore users, VelocityStore velocity, EvaluationStore evaluations) {

    /**
     * @param kind             "memory" (the zero-configuration default); "postgres" arrives with the PostgreSQL store
     * @param velocityWindow   how far back velocity is ever asked about, so older failures can be dropped
     * @param outcomeRetention how long an evaluation waits for its outcome
     */
    public static Stores create(String kind, Duration velocityWindow, Duration outcomeRetention) {
        if ("memory".equals(kind)) {
            return new Stores(new InMemoryUserHistoryStore(), new InMemoryVelocityStore(velocityWindow),
                    new InMemoryEvaluationStore(outcomeRetention));
        }
        throw new IllegalArgumentException("unknown store '" + kind + "': expected memory");
    }
}
