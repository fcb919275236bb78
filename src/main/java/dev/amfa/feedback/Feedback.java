package dev.amfa.feedback;

import dev.amfa.evaluation.JsonFields;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * POST /v1/evaluations/{id}/feedback: an analyst's or the user's word on a login.
 *
 * @param verdict legitimate | fraudulent ("this wasn't me")
 * @param source  analyst | user
 * @param note    free text for the log, or null
 */
public record Feedback(String verdict, String source, String note) {
    public static final String LEGITIMATE = "legitimate";
    public static final String FRAUDULENT = "fraudulent";
    static final List<String> VERDICTS = List.of(LEGITIMATE, FRAUDULENT);
    static final List<String> SOURCES = List.of("analyst", "user");
    static final int NOTE_LENGTH = 1_000;

    public static Feedback parse(JsonObject body) {
        JsonFields fields = new JsonFields(body, "");
        String verdict = JsonFields.oneOf("verdict", fields.requiredString("verdict", 32), VERDICTS);
        String source = fields.optionalString("source", 32);
        source = JsonFields.oneOf("source", source == null ? "analyst" : source, SOURCES);
        return new Feedback(verdict, source, fields.optionalString("note", NOTE_LENGTH));
    }

    public boolean fraudulent() {
        return verdict.equals(FRAUDULENT);
    }
}
