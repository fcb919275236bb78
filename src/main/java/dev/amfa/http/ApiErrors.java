package dev.amfa.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Every error the API answers has one shape: {"error": code, "field": path or null, "message": text}. */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static void send(RoutingContext ctx, int status, String error, String field, String message) {
        if (ctx.response().headWritten()) {
            ctx.request().connection().close();
            return;
        }
        send(ctx.response(), status, error, field, message);
    }

    /** The same answer where there is no routing context (a connection refused before the router). */
    public static void send(io.vertx.core.http.HttpServerResponse response, int status, String error, String field,
                            String message) {
        JsonObject body = new JsonObject().put("error", error).put("field", field).put("message", message);
        response.setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
