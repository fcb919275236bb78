package dev.amfa;

import dev.amfa.http.HttpFraming;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.time.Duration;

/** One HTTP server instance on one event loop; the serve command deploys one per event loop, all on one port. */
final class HttpVerticle extends VerticleBase {
    /** How long in-flight requests get to finish when the service stops. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private final Service service;
    private HttpServer server;

    HttpVerticle(Service service) {
        this.service = service;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(service.config().host())
                .setPort(service.config().port());
        server = HttpFraming.install(vertx.createHttpServer(options));
        return server.requestHandler(Main.routing(vertx, service)).listen();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(DRAIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
