package dev.amfa.http;

import dev.amfa.status.StatusRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds every server instance of one service (they share its port) to its {@link ConnectionLimits}:
 * <ul>
 * <li>A connection over its address's cap is closed at once: one client cannot fill the service.</li>
 * <li>At the total cap /health says 503 ("connections" not ready). A few connections more ({@link #RESERVE})
 * are let in for {@link #RESERVE_GRACE} to send one request, answered 503 {@code overloaded} (/health: its
 * 503 status) and closed: a load balancer's health check still gets its answer. Beyond those, closed at once,
 * so the process never runs out of file descriptors.</li>
 * <li>A sweep every {@link #SWEEP_EVERY} closes connections whose headers, body or next request are late.
 * Vert.x's own idle timeout alone would not do: a byte every few seconds keeps a connection from being idle.</li>
 * </ul>
 * The sweep and the counters live here, not per server instance, because the caps are the process's.
 */
public final class ConnectionGuard implements AutoCloseable {
    /** Connections beyond the cap let in to be answered 503, so /health can still say why. */
    static final int RESERVE = 32;
    /** How long such a connection has to send its request. */
    static final Duration RESERVE_GRACE = Duration.ofSeconds(1);
    /** How often deadlines are checked: a deadline is kept to within this. */
    static final Duration SWEEP_EVERY = Duration.ofMillis(250);
    static final String COMPONENT = "connections";

    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final StatusRegistry status;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final Map<HttpConnection, Tracked> connections = new ConcurrentHashMap<>();
    private final long sweeper;
    private boolean overloaded;

    public ConnectionGuard(Vertx vertx, ConnectionLimits limits, StatusRegistry status) {
        this.vertx = vertx;
        this.limits = limits;
        this.status = status;
        status.ready(COMPONENT, "below the cap of " + limits.maxConnections());
        this.sweeper = vertx.setPeriodic(SWEEP_EVERY.toMillis(), t -> sweep(System.nanoTime()));
    }

    /** A server (not yet listening) for {@code app} on {@code host:port}, held to the limits. */
    public HttpServer server(Handler<HttpServerRequest> app, String host, int port) {
        // No h2c: to see whether a connection upgrades, Vert.x announces it only once its first request's
        // headers are in, so a connection that never finishes them was never counted. The API is HTTP/1.1.
        HttpServer server = HttpFraming.install(vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) limits.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)));
        return server.connectionHandler(this::admit).requestHandler(request -> {
            Tracked tracked = connections.get(request.connection());
            if (tracked == null) {
                app.handle(request);
                return;
            }
            tracked.started(request, System.nanoTime());
            if (!tracked.reserve) {
                app.handle(request);
                return;
            }
            request.response().putHeader("connection", "close");
            if (request.path().equals("/health")) {
                app.handle(request);
            } else {
                ApiErrors.send(request.response(), 503, "overloaded", null,
                        "the service holds its maximum of connections; retry shortly");
            }
        });
    }

    /** Open connections now (for tests and the log). */
    public int open() {
        return open.get();
    }

    private void admit(HttpConnection connection) {
        String address = address(connection.remoteAddress());
        int total = open.incrementAndGet();
        int mine = perAddress.merge(address, 1, Integer::sum);
        connection.closeHandler(v -> release(connection, address));
        overloaded(total >= limits.maxConnections());
        if ((limits.maxPerAddress() > 0 && mine > limits.maxPerAddress()) || total > limits.maxConnections() + RESERVE) {
            connection.close();
            return;
        }
        connections.put(connection, new Tracked(connection, total > limits.maxConnections(), System.nanoTime()));
    }

    private void release(HttpConnection connection, String address) {
        connections.remove(connection);
        perAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
        overloaded(open.decrementAndGet() >= limits.maxConnections());
    }

    /** Tells /health when the cap is reached and when it is not any more; only changes are written. */
    private synchronized void overloaded(boolean now) {
        if (now == overloaded) return;
        overloaded = now;
        if (now) {
            status.notReady(COMPONENT, limits.maxConnections() + " connections open, the cap: new ones are answered 503 or closed");
        } else {
            status.ready(COMPONENT, "below the cap of " + limits.maxConnections());
        }
    }

    private void sweep(long now) {
        for (Tracked tracked : connections.values()) {
            if (tracked.late(now)) tracked.connection.close();
        }
    }

    private static String address(SocketAddress remote) {
        return remote == null || remote.hostAddress() == null ? "" : remote.hostAddress();
    }

    @Override
    public void close() {
        vertx.cancelTimer(sweeper);
    }

    /** Where one connection is: waiting for a request's headers, reading its body, or being answered. */
    private final class Tracked {
        final HttpConnection connection;
        /** Let in beyond the cap: one request, answered 503, then closed. */
        final boolean reserve;
        private HttpServerRequest request;
        private boolean answered;
        private long since;

        Tracked(HttpConnection connection, boolean reserve, long now) {
            this.connection = connection;
            this.reserve = reserve;
            this.since = now;
        }

        synchronized void started(HttpServerRequest next, long now) {
            request = next;
            answered = false;
            since = now;
        }

        /** Moves on to where the connection is now, and answers whether it is past that step's deadline. */
        synchronized boolean late(long now) {
            if (request == null) {
                // The first request's headers.
                return now - since > (reserve ? RESERVE_GRACE : limits.headerTimeout()).toNanos();
            }
            if (answered) {
                // Kept alive: the next request's headers must be complete within the idle timeout.
                return now - since > limits.idleTimeout().toNanos();
            }
            if (!request.isEnded()) return now - since > limits.bodyTimeout().toNanos();
            // Read whole: answering is the service's own work, whose budgets are elsewhere.
            if (request.response().ended()) {
                answered = true;
                since = now;
            }
            return false;
        }
    }
}
