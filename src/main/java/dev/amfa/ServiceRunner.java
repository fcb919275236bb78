package dev.amfa;

import dev.amfa.http.ConnectionGuard;
import dev.amfa.metrics.MetricsVertx;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a service with one HTTP server per event loop and stops it in order on SIGTERM: mark not ready,
 * drain in-flight requests, release resources, close Vert.x. A plain close would drop open connections.
 */
public final class ServiceRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    private ServiceRunner() {
    }

    /** Blocks until the JVM is asked to stop; throws what prevented a start (a rule that does not compile, ...). */
    public static void runUntilStopped(ServiceConfig config) throws Exception {
        Vertx vertx = MetricsVertx.create(new VertxOptions().setEventLoopPoolSize(config.eventLoops()));
        Service service;
        ConnectionGuard[] connections = new ConnectionGuard[1];
        try {
            service = Service.start(vertx, config)
                    .compose(s -> {
                        connections[0] = new ConnectionGuard(vertx, config.connections(), s.status());
                        return vertx.deployVerticle(() -> new HttpVerticle(s, connections[0]),
                                new DeploymentOptions().setInstances(config.eventLoops())).map(s);
                    })
                    .toCompletionStage().toCompletableFuture().join();
        } catch (CompletionException e) {
            vertx.close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        LOG.info("amfa listening on http://{}:{} ({} event loops, {})", config.host(), config.port(), config.eventLoops(),
                config.connections());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: draining requests");
            service.status().drain();
            // Undeploying stops each HttpVerticle, which shuts its server down gracefully; then the service
            // writes its queued decisions while the database pool is still open, then Vert.x closes.
            for (String deployment : vertx.deploymentIDs()) {
                vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().join();
            }
            connections[0].close();
            service.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            LOG.info("stopped");
            stopped.countDown();
        }, "amfa-shutdown"));
        stopped.await();
    }
}
