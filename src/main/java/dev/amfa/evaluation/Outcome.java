package dev.amfa.evaluation;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** A reported login outcome: POST /v1/evaluations/{id}/outcome. */
public record Outcome(boolean success, String mfa) {
    public static final List<String> RESULTS = List.of("success", "failure");
    public static final List<String> MFA = List.of("passed", "failed", "not_required");

    public static Outcome parse(JsonObject body) {
        JsonFields fields = new JsonFields(body, "");
        String result = JsonFields.oneOf("result", fields.requiredString("result", 32), RESULTS);
        String mfa = fields.optionalString("mfa", 32);
        mfa = JsonFields.oneOf("mfa", mfa == null ? "not_required" : mfa, MFA);
        boolean success = result.equals("success");
        if (success && mfa.equals("failed")) {
            throw new InvalidInputException("mfa", "a login whose MFA failed cannot be a success");
        }
        return new Outcome(success, mfa);
    }
}
