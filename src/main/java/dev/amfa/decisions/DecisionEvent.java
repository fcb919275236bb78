package dev.amfa.decisions;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * Something that happened to an evaluation after its decision, joined to it in the decision log: the reported
 * outcome, each challenge step, an analyst's or user's feedback. Details never carry a secret (no code, no
 * TOTP secret, no recovery code).
 *
 * @param type    one of {@link #TYPES}
 * @param details what the event adds (factor, attempts left, verdict, ...); never null
 */
public record DecisionEvent(String evaluationId, String org, String userId, String type, Instant at, JsonObject details) {
    public static final String OUTCOME = "outcome";
    public static final String CHALLENGE_STARTED = "challenge_started";
    public static final String CHALLENGE_SENT = "challenge_sent";
    public static final String CHALLENGE_PASSED = "challenge_passed";
    public static final String CHALLENGE_FAILED = "challenge_failed";
    public static final String CHALLENGE_LOCKED = "challenge_locked";
    public static final String FEEDBACK = "feedback";
    public static final List<String> TYPES = List.of(OUTCOME, CHALLENGE_STARTED, CHALLENGE_SENT, CHALLENGE_PASSED,
            CHALLENGE_FAILED, CHALLENGE_LOCKED, FEEDBACK);

    public DecisionEvent {
        if (!TYPES.contains(type)) throw new IllegalArgumentException("unknown decision event type " + type);
        details = details == null ? new JsonObject() : details;
    }
}
