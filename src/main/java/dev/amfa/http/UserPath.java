package dev.amfa.http;

import io.vertx.ext.web.RoutingContext;

/** The user id of a /v1/users/{id}/... path: an id like any other ({@link PathIds}). */
final class UserPath {
    private UserPath() {
    }

    static String userId(RoutingContext ctx) {
        return PathIds.of(ctx);
    }
}
