package dev.amfa.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What the server answers before the router sees a request: the documented error body on Vert.x's own 400,
 * 414 and 431 (it sends them with an empty body), and HTTP/1.1 message framing per RFC 9112 section 6: a request
 * with a transfer coding other than one "chunked" (e.g. "chunked, identity", which Netty reads as chunked), with
 * two Transfer-Encoding headers, or with a Transfer-Encoding in HTTP/1.0 is refused with 400 and the connection
 * closed: a proxy in front that reads the framing the other way would see a different request than this service
 * (request smuggling). Content-Length together with Transfer-Encoding: Netty drops the Content-Length before
 * anything of Vert.x's sees the request (as RFC 9112 6.3 allows), so it is read by its chunks alone.
 */
public final class HttpFraming {
    private HttpFraming() {
    }

    /** Sets the server's invalid-request handler; call before listen. */
    public static HttpServer install(HttpServer server) {
        return server.invalidRequestHandler(HttpFraming::invalid);
    }

    /** The router's first handler: a request whose framing is refused is answered 400 and its connection closed. */
    static void refuseBadFraming(io.vertx.ext.web.RoutingContext ctx) {
        String problem = framingProblem(ctx.request());
        if (problem == null) {
            ctx.next();
            return;
        }
        // The body that follows cannot be read safely: answer, then close before reading any of it.
        ctx.response().putHeader("connection", "close").endHandler(v -> ctx.request().connection().close());
        ApiErrors.send(ctx, 400, "invalid_request", null, problem);
    }

    /**
     * A failure that is the client's, not the service's, answered here without an ERROR in the log: a body whose
     * chunks do not decode (a chunk size that is not hex, or overflows) is a 400 and the connection closed; a
     * client that went away mid-request, or a failure after the answer was sent, leaves nothing to answer.
     *
     * @return whether the failure was handled
     */
    static boolean clientFault(io.vertx.ext.web.RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || ctx.response().closed() || failure instanceof io.vertx.core.http.HttpClosedException) {
            return true;
        }
        if (failure instanceof NumberFormatException || failure instanceof io.netty.handler.codec.DecoderException) {
            ctx.response().putHeader("connection", "close").endHandler(v -> ctx.request().connection().close());
            ApiErrors.send(ctx, 400, "invalid_request", null, "the request body is not valid HTTP/1.1 chunked framing");
            return true;
        }
        return false;
    }

    /** A request Vert.x could not take: the same statuses as its default, with the documented body, then close. */
    static void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String error;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            error = "uri_too_long";
            message = "the request line is longer than the server takes";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            error = "headers_too_large";
            message = "the request headers are larger than the server takes";
        } else {
            status = 400;
            error = "invalid_request";
            message = "the request is not valid HTTP/1.1";
        }
        String body = new JsonObject().put("error", error).put("field", null).put("message", message).encode();
        request.response().setStatusCode(status).putHeader("content-type", "application/json")
                .putHeader("connection", "close").end(body)
                .onComplete(done -> request.connection().close());
    }

    /** The framing rule, on the headers of a decoded request line and header section. */
    static String framingProblem(HttpServerRequest request) {
        List<String> codings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (codings.isEmpty()) return null;
        if (request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            return "Content-Length and Transfer-Encoding together: the body's length is ambiguous";
        }
        if (request.version() == io.vertx.core.http.HttpVersion.HTTP_1_0) {
            return "Transfer-Encoding in an HTTP/1.0 request";
        }
        if (codings.size() != 1 || !codings.get(0).strip().equalsIgnoreCase("chunked")) {
            return "the only transfer coding accepted is a single chunked";
        }
        return null;
    }
}
