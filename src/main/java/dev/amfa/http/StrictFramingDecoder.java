package dev.amfa.http;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's request decoder, except that a request with both Content-Length and Transfer-Encoding is invalid
 * (400 through {@link HttpFraming#invalid}, then closed) instead of read by its chunks with the Content-Length
 * dropped. RFC 9112 6.3 allows either, but a proxy in front that trusts the Content-Length sees another request
 * boundary than this service: the classic request-smuggling gap. Netty drops the header inside the decoder, so
 * nothing later (the router included) can tell the request had it; hence a decoder of our own.
 */
final class StrictFramingDecoder extends VertxHttpRequestDecoder {
    /** The name Vert.x gives its HTTP/1.x request decoder in the channel pipeline. */
    private static final String DECODER = "httpDecoder";

    private StrictFramingDecoder(HttpServerOptions options) {
        super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        // Thrown inside the header parsing: Netty turns it into a request whose decoder result failed.
        throw new IllegalArgumentException("Content-Length and Transfer-Encoding together: the body's length is ambiguous");
    }

    /**
     * Puts this decoder in place of Vert.x's on a new connection, before any byte of it has been decoded (the
     * server's connection handler runs when the channel is set up). Returns whether it could: a connection of
     * another kind (HTTP/2) keeps its own.
     */
    static boolean install(HttpConnection connection, HttpServerOptions options) {
        if (!(connection instanceof io.vertx.core.net.impl.ConnectionBase base)) return false;
        var pipeline = base.channel().pipeline();
        ChannelHandler current = pipeline.get(DECODER);
        if (!(current instanceof VertxHttpRequestDecoder) || current instanceof StrictFramingDecoder) return false;
        pipeline.replace(DECODER, DECODER, new StrictFramingDecoder(options));
        return true;
    }
}
