package dev.amfa.http;

import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.evaluation.JsonFields;
import dev.amfa.feedback.Feedback;
import dev.amfa.feedback.FeedbackRecorder;
import dev.amfa.store.HistoryPart;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** POST /v1/evaluations/{id}/feedback and POST /v1/users/{id}/risk/clear. */
final class FeedbackHandlers {
    private final FeedbackRecorder recorder;
    private final Runnable failed;

    /** @param failed told when a store failed the request (counted as a store error) */
    FeedbackHandlers(FeedbackRecorder recorder, Runnable failed) {
        this.recorder = recorder;
        this.failed = failed;
    }

    void feedback(RoutingContext ctx) {
        String id;
        Feedback feedback;
        try {
            id = PathIds.of(ctx);
            feedback = Feedback.parse(JsonBodies.object(ctx));
        } catch (InvalidInputException e) {
            ApiErrors.send(ctx, 400, "invalid_request", e.field(), e.getMessage());
            return;
        }
        recorder.record(id, feedback, CallerGuards.caller(ctx)).onComplete(done -> {
            if (done.failed() && done.cause() instanceof FeedbackRecorder.FeedbackAlreadyGiven given) {
                ApiErrors.send(ctx, 409, "conflict", "verdict", given.getMessage());
            } else if (done.failed()) DecisionHandlers.unavailable(ctx, done.cause(), failed);
            else if (done.result() == null) ApiErrors.send(ctx, 404, "not_found", "id", "the decision log has no evaluation " + id);
            else DecisionHandlers.json(ctx, 202, done.result());
        });
    }

    /** Body: {"org": "acme", "signals": ["devices", "places", "failures"]}. */
    void clearRisk(RoutingContext ctx) {
        DecisionHandlers.answer(ctx, failed, () -> {
            String userId = UserPath.userId(ctx);
            JsonFields body = new JsonFields(JsonBodies.object(ctx), "");
            String org = CallerGuards.requireOrg(ctx, "org", body.requiredOrg());
            List<String> names = body.stringList("signals", HistoryPart.values().length, 16);
            if (names.isEmpty()) throw new InvalidInputException("signals", "name at least one of " + HistoryPart.NAMES);
            Set<HistoryPart> what = EnumSet.noneOf(HistoryPart.class);
            for (int i = 0; i < names.size(); i++) {
                what.add(HistoryPart.fromJson(JsonFields.oneOf("signals[" + i + "]", names.get(i), HistoryPart.NAMES)));
            }
            return recorder.clear(org, userId, what).map(x -> new JsonObject().put("org", org).put("user", userId)
                    .put("cleared", new JsonArray(what.stream().map(HistoryPart::json).toList())));
        });
    }
}
