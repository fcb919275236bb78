package dev.amfa.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * Every POST and PUT says {@code Content-Type: application/json} (parameters such as charset allowed), or
 * carries no body and no content type at all (resend, reload, rollback): anything else is 415. A browser
 * sends text/plain, form and multipart bodies to any site without asking (no CORS preflight), so without
 * this a web page open on this machine could enrol a factor through the zero-configuration loopback API.
 */
final class JsonContentType implements Handler<RoutingContext> {
    static final String JSON = "application/json";

    @Override
    public void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT) {
            ctx.next();
            return;
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type == null ? hasNoBody(ctx) : isJson(type)) {
            ctx.next();
            return;
        }
        ApiErrors.send(ctx, 415, "unsupported_media_type", "Content-Type", type == null
                ? "a request body must be sent with Content-Type: application/json"
                : "must be application/json, was " + type.strip());
    }

    static boolean isJson(String type) {
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT).equals(JSON);
    }

    private static boolean hasNoBody(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        return ctx.request().getHeader("Transfer-Encoding") == null && (length == null || length.strip().equals("0"));
    }
}
