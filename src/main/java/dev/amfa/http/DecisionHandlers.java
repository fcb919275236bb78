package dev.amfa.http;

import dev.amfa.callers.Forbidden;
import dev.amfa.decisions.DecisionJson;
import dev.amfa.decisions.DecisionLog;
import dev.amfa.decisions.DecisionQuery;
import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.stats.DecisionStats;
import dev.amfa.stats.StatsQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.Supplier;

/** GET /v1/decisions, GET /v1/decisions/{id}, GET /v1/stats: the Security Center's reads (admin token). */
final class DecisionHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionHandlers.class);

    private final DecisionLog decisions;
    private final DecisionStats stats;
    private final Clock clock;
    private final Runnable failed;

    /** @param failed told when the log could not answer (counted as a store error) */
    DecisionHandlers(DecisionLog decisions, DecisionStats stats, Clock clock, Runnable failed) {
        this.decisions = decisions;
        this.stats = stats;
        this.clock = clock;
        this.failed = failed;
    }

    void search(RoutingContext ctx) {
        answer(ctx, failed, () -> {
            DecisionQuery query = DecisionQuery.parse(ctx.request()::getParam);
            return decisions.search(query).map(page -> page.toJson());
        });
    }

    void one(RoutingContext ctx) {
        String id;
        try {
            id = PathIds.of(ctx);
        } catch (InvalidInputException e) {
            ApiErrors.send(ctx, 400, "invalid_request", e.field(), e.getMessage());
            return;
        }
        decisions.find(id).onComplete(done -> {
            if (done.failed()) {
                unavailable(ctx, done.cause(), failed);
            } else if (done.result() == null) {
                ApiErrors.send(ctx, 404, "not_found", "id", "the decision log has no evaluation " + id);
            } else {
                json(ctx, 200, whole(done.result()));
            }
        });
    }

    /**
     * The whole decision, or its summary when the whole does not encode: a record kept from before today's input
     * limits must not make its own page a 500.
     */
    private static JsonObject whole(DecisionLog.LoggedDecision found) {
        try {
            JsonObject full = DecisionJson.full(found.record(), found.events());
            full.encode();
            return full;
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("decision {} does not encode whole, answered as its summary: {}", found.record().id(), e.toString());
            return DecisionJson.summary(found.record()).put("incomplete", "the details of this decision cannot be shown");
        }
    }

    void stats(RoutingContext ctx) {
        answer(ctx, failed, () -> stats.compute(StatsQuery.parse(ctx.request()::getParam, clock)));
    }

    /** Parses (400 on bad input), runs, and answers 200 with the JSON or 503 when the log cannot answer. */
    static void answer(RoutingContext ctx, Runnable failed, Supplier<Future<JsonObject>> work) {
        Future<JsonObject> result;
        try {
            result = work.get();
        } catch (InvalidInputException e) {
            ApiErrors.send(ctx, 400, "invalid_request", e.field(), e.getMessage());
            return;
        } catch (Forbidden e) {
            CallerGuards.forbidden(ctx, e);
            return;
        } catch (IllegalArgumentException e) {
            // Vert.x decodes the query string lazily and throws on a malformed escape such as %%.
            ApiErrors.send(ctx, 400, "invalid_request", null, "the query string could not be decoded");
            return;
        }
        result.onComplete(done -> {
            if (done.succeeded()) json(ctx, 200, done.result());
            else unavailable(ctx, done.cause(), failed);
        });
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    static void unavailable(RoutingContext ctx, Throwable cause, Runnable failed) {
        failed.run();
        LOG.error("the decision log failed to answer {} {}", ctx.request().method(), ctx.request().path(), cause);
        ApiErrors.send(ctx, 503, "decision_log_unavailable", null, "the decision log could not answer; retry");
    }
}
