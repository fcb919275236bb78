package dev.amfa.facts;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * What one signal concluded about a login: the fact rules match on, and the object the API returns under
 * {@code assessments}. Codes mirror Auth0's risk assessment (match, no_match, impossible_travel_from_last_login, ...).
 */
public final class Assessment {
    /** The code a signal answers when it failed or ran out of its time budget. */
    public static final String NOT_AVAILABLE = "assessment_not_available";

    private final String signal;
    private final Confidence confidence;
    private final String code;
    private final JsonObject details;

    public Assessment(String signal, Confidence confidence, String code, JsonObject details) {
        this.signal = Objects.requireNonNull(signal);
        this.confidence = Objects.requireNonNull(confidence);
        this.code = Objects.requireNonNull(code);
        this.details = details == null ? new JsonObject() : details;
    }

    /** Secure by default: a signal that cannot answer counts as low confidence, never as a pass. */
    public static Assessment notAvailable(String signal, String reason) {
        return new Assessment(signal, Confidence.LOW, NOT_AVAILABLE, new JsonObject().put("reason", reason));
    }

    public String getSignal() { return signal; }
    public Confidence getConfidence() { return confidence; }
    public String getCode() { return code; }
    public JsonObject getDetails() { return details; }

    /** One detail by key, for rules: {@code Assessment(detail("category") == "abuse")}. */
    @Helper("one details key: `Assessment(signal == \"UntrustedIP\", detail(\"category\") == \"abuse\")`")
    public Object detail(String key) {
        return details.getValue(key);
    }

    @Helper("a signal and a code: `Assessment(is(\"UntrustedIP\", \"high_velocity\"))`")
    public boolean is(String signalName, String codeName) {
        return signal.equals(signalName) && code.equals(codeName);
    }

    public JsonObject toJson() {
        return new JsonObject().put("confidence", confidence.json()).put("code", code).put("details", details);
    }

    @Override
    public String toString() {
        return "Assessment(" + signal + " " + confidence.json() + " " + code + ")";
    }
}
