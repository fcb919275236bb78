package dev.amfa.store.postgres;

import dev.amfa.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the service and PostgreSQL that a test can cut and restore: the real client meets a
 * real outage (connections dropped, new ones refused) instead of a mock.
 */
final class FaultProxy implements AutoCloseable {
    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    FaultProxy(Vertx vertx, String targetHost, int targetPort) {
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
                inbound.handler(outbound::write);
                outbound.handler(inbound::write);
                inbound.closeHandler(v -> outbound.close());
                outbound.closeHandler(v -> inbound.close());
                inbound.resume();
            });
        }).listen(0, "127.0.0.1"));
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

    void restore() {
        cut = false;
    }

    @Override
    public void close() {
        cut();
        TestService.await(server.close());
        TestService.await(client.close());
    }
}
