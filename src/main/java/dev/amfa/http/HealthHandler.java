package dev.amfa.http;

import dev.amfa.status.StatusRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** GET /health: 200 when every component is ready, 503 otherwise, with each component's state. */
final class HealthHandler implements Handler<RoutingContext> {
    private final StatusRegistry status;

    HealthHandler(StatusRegistry status) {
        this.status = status;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().setStatusCode(status.isReady() ? 200 : 503)
                .putHeader("content-type", "application/json")
                .end(status.toJson().encode());
    }
}
