package dev.amfa.http;

import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.evaluation.InvalidInputException;
import io.vertx.ext.web.RoutingContext;

/** The user id of a /v1/users/{id}/... path, held to the same length as a user id in an evaluation. */
final class UserPath {
    private UserPath() {
    }

    static String userId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id.isBlank() || id.length() > EvaluationRequestParser.ID_LENGTH) {
            throw new InvalidInputException("id", "must be 1 to " + EvaluationRequestParser.ID_LENGTH + " characters");
        }
        return id;
    }
}
