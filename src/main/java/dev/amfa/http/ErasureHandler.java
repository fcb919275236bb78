package dev.amfa.http;

import dev.amfa.evaluation.JsonFields;
import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.privacy.UserErasure;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DELETE /v1/users/{id}?org=acme: the user's data erased, their decisions anonymised. */
final class ErasureHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ErasureHandler.class);
    private final UserErasure erasure;
    private final Runnable failed;

    /** @param failed told when a store failed the erasure (counted as a store error) */
    ErasureHandler(UserErasure erasure, Runnable failed) {
        this.erasure = erasure;
        this.failed = failed;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String org = ctx.queryParams().get("org");
        String userId;
        try {
            if (org == null || org.isBlank()) throw new InvalidInputException("org", "is required (?org=...): users are scoped by org");
            JsonFields.org("org", org);
            userId = UserPath.userId(ctx);
        } catch (InvalidInputException e) {
            ApiErrors.send(ctx, 400, "invalid_request", e.field(), e.getMessage());
            return;
        }
        if (!CallerGuards.mayActFor(ctx, "org", org)) return;
        erasure.erase(org, userId).onComplete(done -> {
            if (done.failed()) {
                failed.run();
                LOG.error("erasing user {} of org {} failed", userId, org, done.cause());
                ApiErrors.send(ctx, 503, "store_unavailable", null,
                        "the erasure did not complete; asking again is safe (it is idempotent)");
                return;
            }
            DecisionHandlers.json(ctx, 200, done.result());
        });
    }
}
