package dev.amfa.keycloak;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What amfa answered to POST /v1/evaluate, the parts Keycloak acts on: {@code factors} are the decision's
 * factors the user has, in amfa's order of preference; {@code enrol} is set when the user has none of them;
 * {@code codes} are the signals' codes that were not "high" confidence (the why of a challenge or denial).
 */
public record Decision(String evaluationId, String action, List<String> factors, boolean enrol, List<String> reasons,
                       List<String> codes) {

    /** @throws IllegalArgumentException when the answer is not one amfa gives (treated like amfa being down) */
    public static Decision parse(JsonNode body) {
        String id = body.path("evaluation_id").asText("");
        String action = body.path("action").asText("");
        if (id.isEmpty() || !List.of("allow", "challenge", "deny").contains(action)) {
            throw new IllegalArgumentException("not an amfa decision: evaluation_id and action (allow, challenge, deny) expected");
        }
        JsonNode mfa = body.path("mfa");
        List<String> factors = new ArrayList<>();
        mfa.path("factors").forEach(factor -> factors.add(factor.asText()));
        List<String> reasons = new ArrayList<>();
        body.path("reasons").forEach(reason -> reasons.add(reason.asText()));
        List<String> codes = new ArrayList<>();
        body.path("assessments").fields().forEachRemaining(signal -> {
            if (!"high".equals(signal.getValue().path("confidence").asText())) {
                codes.add(signal.getKey() + ":" + signal.getValue().path("code").asText());
            }
        });
        boolean enrol = mfa.path("enroll").isArray() && !mfa.path("enroll").isEmpty();
        return new Decision(id, action, List.copyOf(factors), enrol, List.copyOf(reasons), List.copyOf(codes));
    }
}
