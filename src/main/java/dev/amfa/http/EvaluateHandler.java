package dev.amfa.http;

import dev.amfa.evaluation.EvaluationJson;
import dev.amfa.evaluation.EvaluationRequest;
import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.evaluation.Evaluator;
import dev.amfa.evaluation.InvalidInputException;
import io.vertx.core.Handler;
import java.util.function.LongConsumer;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POST /v1/evaluate[?explain=true]: the decision for one login. */
final class EvaluateHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateHandler.class);

    private final EvaluationRequestParser parser;
    private final Evaluator evaluator;
    private final LongConsumer latency;

    /** @param latency told each answered evaluation's time in nanoseconds, body parsed to answer written */
    EvaluateHandler(EvaluationRequestParser parser, Evaluator evaluator, LongConsumer latency) {
        this.parser = parser;
        this.evaluator = evaluator;
        this.latency = latency;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        EvaluationRequest request;
        try {
            request = parser.parse(JsonBodies.object(ctx));
        } catch (InvalidInputException e) {
            ApiErrors.send(ctx, 400, "invalid_request", e.field(), e.getMessage());
            return;
        }
        if (!CallerGuards.mayActFor(ctx, "org", request.org())) return;
        boolean explain = "true".equals(ctx.request().getParam("explain"));
        evaluator.evaluate(request, CallerGuards.caller(ctx).name()).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().putHeader("content-type", "application/json")
                        .end(EvaluationJson.buffer(done.result(), explain));
                latency.accept(System.nanoTime() - start);
            } else {
                LOG.error("evaluation failed", done.cause());
                ApiErrors.send(ctx, 503, "evaluation_failed", null, "the evaluation could not be completed; retry");
            }
        });
    }
}
