package dev.amfa.http;

import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.evaluation.Outcome;
import dev.amfa.evaluation.OutcomeRecorder;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /v1/evaluations/{id}/outcome: how the login ended; 404 for an unknown id (and for another service's or
 * org's evaluation: its existence is not the caller's to learn), 409 for a second outcome.
 */
final class OutcomeHandler implements Handler<RoutingContext> {

    private final OutcomeRecorder recorder;
    private final Runnable storeFailed;

    /** @param storeFailed told when the store failed to take an outcome (counted as a store error) */
    OutcomeHandler(OutcomeRecorder recorder, Runnable storeFailed) {
        this.recorder = recorder;
        this.storeFailed = storeFailed;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id;
        Outcome outcome;
        try {
            id = PathIds.of(ctx);
            outcome = Outcome.parse(JsonBodies.object(ctx));
        } catch (InvalidInputException e) {
            ApiErrors.send(ctx, 400, "invalid_request", e.field(), e.getMessage());
            return;
        }
        recorder.record(id, outcome, CallerGuards.caller(ctx)).onSuccess(result -> {
            switch (result) {
                case RECORDED -> accepted(ctx, id, true);
                // Acknowledged all the same: the retry buffer keeps it until the store is back.
                case QUEUED -> {
                    storeFailed.run();
                    accepted(ctx, id, false);
                }
                case UNKNOWN -> ApiErrors.send(ctx, 404, "not_found", "id",
                        "no evaluation " + id + " awaits an outcome (unknown or expired)");
                case ALREADY_RECORDED -> ApiErrors.send(ctx, 409, "conflict", "id",
                        "the outcome of evaluation " + id + " was already recorded");
            }
        });
    }

    private static void accepted(RoutingContext ctx, String id, boolean recorded) {
        ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                .end(new JsonObject().put("evaluation_id", id).put("recorded", recorded).put("queued", !recorded).encode());
    }
}
