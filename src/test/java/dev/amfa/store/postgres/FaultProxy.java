package dev.amfa.store.postgres;

import dev.amfa.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the service and PostgreSQL that a test can cut, slow down and restore: the real client
 * meets a real outage (connections dropped, new ones refused) or a real slow network instead of a mock.
 */
final class FaultProxy implements AutoCloseable {
    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final Vertx vertx;
    private volatile boolean cut;
    private volatile long delayMillis;

    FaultProxy(Vertx vertx, String targetHost, int targetPort) {
        this.vertx = vertx;
        client = vertx.createNetClient();
        server = TestService.await(vertx.createNetServer().connectHandler(inbound -> {
            if (cut) {
                inbound.close();
                return;
            }
            inbound.pause();
            client.connect(targetPort, targetHost).onComplete(done -> {
                if (done.failed() || cut) {
                    inbound.close();
                    return;
                }
                NetSocket outbound = done.result();
                open.add(inbound);
                open.add(outbound);
                inbound.handler(data -> forward(data, outbound));
                outbound.handler(data -> forward(data, inbound));
                inbound.closeHandler(v -> outbound.close());
                outbound.closeHandler(v -> inbound.close());
                inbound.resume();
            });
        }).listen(0, "127.0.0.1"));
    }

    /** Timers of one delay fire in the order they were set, so the byte stream keeps its order. */
    private void forward(io.vertx.core.buffer.Buffer data, NetSocket to) {
        long delay = delayMillis;
        if (delay == 0) to.write(data);
        else vertx.setTimer(delay, t -> to.write(data));
    }

    int port() {
        return server.actualPort();
    }

    /** Drops every connection and refuses new ones. */
    void cut() {
        cut = true;
        open.forEach(NetSocket::close);
        open.clear();
    }

    /** Every byte from now on arrives {@code delay} late, both ways. */
    void slow(java.time.Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** Accepts connections again, at full speed. */
    void restore() {
        cut = false;
        delayMillis = 0;
    }

    @Override
    public void close() {
        cut();
        TestService.await(server.close());
        TestService.await(client.close());
    }
}
