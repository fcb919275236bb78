package dev.amfa;

import dev.amfa.http.HttpFraming;
import io.vertx.core.Future;
import dev.amfa.http.ConnectionGuard;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

import java.time.Duration;

/** One HTTP server instance on one event loop; the serve command deploys one per event loop, all on one port. */
final class HttpVerticle extends VerticleBase {
    /** How long in-flight requests get to finish when the service stops. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private final Service service;
    private final ConnectionGuard connections;
    private HttpServer server;

    /** @param connections the caps and timeouts every instance shares */
    HttpVerticle(Service service, ConnectionGuard connections) {
        this.service = service;
        this.connections = connections;
    }

    @Override
    public Future<?> start() {
        server = connections.server(Main.routing(vertx, service), service.config().host(), service.config().port());
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(DRAIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
