package dev.amfa.http;

import dev.amfa.evaluation.InputLimits;
import io.vertx.ext.web.RoutingContext;

/**
 * The {id} of a path (a user, an evaluation, a challenge, a decision), held to the one rule of every id
 * ({@link InputLimits#id}): Vert.x decodes %00 into a NUL, which must reach neither a store nor a 202.
 */
final class PathIds {
    private PathIds() {
    }

    static String of(RoutingContext ctx) {
        return InputLimits.id("id", ctx.pathParam("id"));
    }
}
