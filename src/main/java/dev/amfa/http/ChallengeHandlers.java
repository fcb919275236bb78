package dev.amfa.http;

import dev.amfa.callers.Forbidden;
import dev.amfa.challenges.ChallengeRefused;
import dev.amfa.challenges.ChallengeService;
import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.evaluation.JsonFields;
import dev.amfa.store.Challenge;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * POST /v1/challenges, /v1/challenges/{id}/verify and /v1/challenges/{id}/resend. A verification's verdict
 * (passed, failed, locked, expired) is a 200 answer: the request was fine, the code was not.
 */
final class ChallengeHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ChallengeHandlers.class);
    /** Longer than any code (a recovery code with spaces); anything longer is not a code. */
    static final int CODE_LENGTH = 64;

    private final ChallengeService challenges;

    ChallengeHandlers(ChallengeService challenges) {
        this.challenges = challenges;
    }

    void start(RoutingContext ctx) {
        answer(ctx, body -> {
            JsonFields fields = new JsonFields(body, "");
            String evaluationId = fields.requiredId("evaluation_id");
            String factor = fields.requiredString("factor", 64);
            return challenges.start(evaluationId, factor, CallerGuards.caller(ctx)).map(started -> {
                ctx.response().setStatusCode(201);
                return started(started);
            });
        });
    }

    void verify(RoutingContext ctx) {
        answer(ctx, body -> challenges.verify(PathIds.of(ctx), code(body), CallerGuards.caller(ctx)).map(ChallengeHandlers::verdict));
    }

    void resend(RoutingContext ctx) {
        String id;
        try {
            id = PathIds.of(ctx);
        } catch (InvalidInputException e) {
            failed(ctx, e);
            return;
        }
        challenges.resend(id, CallerGuards.caller(ctx)).map(ChallengeHandlers::started)
                .onSuccess(json -> json(ctx, json.put("resent", true)))
                .onFailure(e -> failed(ctx, e));
    }

    static String code(JsonObject body) {
        return new JsonFields(body, "").requiredString("code", CODE_LENGTH).strip();
    }

    static JsonObject started(ChallengeService.Started started) {
        Challenge c = started.challenge();
        return new JsonObject().put("challenge_id", c.id()).put("evaluation_id", c.evaluationId())
                .put("factor", c.factor()).put("status", c.status()).put("expires_at", c.expiresAt().toString())
                .put("sent_to", started.sentTo());
    }

    static JsonObject verdict(ChallengeService.Verdict verdict) {
        JsonObject json = new JsonObject().put("challenge_id", verdict.challenge().id()).put("status", verdict.status())
                .put("attempts_left", verdict.attemptsLeft());
        if (verdict.token() != null) json.put("token", verdict.token());
        return json;
    }

    /** Reads the body as JSON, runs the action, answers its JSON or the error it failed with. */
    static void answer(RoutingContext ctx, Function<JsonObject, Future<JsonObject>> action) {
        Future<JsonObject> answer;
        try {
            answer = action.apply(JsonBodies.object(ctx));
        } catch (RuntimeException e) {
            failed(ctx, e);
            return;
        }
        answer.onSuccess(json -> json(ctx, json)).onFailure(e -> failed(ctx, e));
    }

    static void json(RoutingContext ctx, JsonObject json) {
        ctx.response().putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
                .end(json.encode());
    }

    /** Bad input 400, a refusal its own status, anything else (the store) 503 with the cause in the log only. */
    static void failed(RoutingContext ctx, Throwable e) {
        if (e instanceof InvalidInputException invalid) {
            ApiErrors.send(ctx, 400, "invalid_request", invalid.field(), invalid.getMessage());
        } else if (e instanceof Forbidden forbidden) {
            CallerGuards.forbidden(ctx, forbidden);
        } else if (e instanceof ChallengeRefused refused) {
            ApiErrors.send(ctx, refused.status(), refused.error(), refused.field(), refused.getMessage());
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
            ApiErrors.send(ctx, 503, "unavailable", null, "the service could not complete the request; retry");
        }
    }
}
