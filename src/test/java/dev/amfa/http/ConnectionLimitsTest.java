package dev.amfa.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.amfa.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that never finish cannot take the service down (issue 10, finding 4): raw sockets on loopback,
 * from several loopback addresses (127.0.0.2 and up stand for other clients), against small caps and
 * timeouts. What is asserted is the caps and that each kind of stalled connection is closed, never how fast.
 */
class ConnectionLimitsTest {
    static final int CAP = 40;
    static final int PER_ADDRESS = 30;
    static final ConnectionLimits LIMITS = new ConnectionLimits(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(2), CAP, PER_ADDRESS);
    /** Far beyond every timeout above: a connection still open after this was not closed. */
    static final int GIVE_UP_MS = RawHttp.READ_TIMEOUT_MILLIS;

    private static TestService service;
    private static ListAppender<ILoggingEvent> logged;

    @BeforeAll
    static void start() {
        logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
        service = TestService.start(TestService.config().withConnections(LIMITS));
    }

    @AfterAll
    static void stop() {
        service.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        List<String> errors = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of(), errors, "stalled and refused connections log no ERROR");
    }

    /** A connection from {@code from} that sent the start of a request and nothing more. */
    private static Socket halfOpen(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", service.port()));
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Whether the server closed the connection: end of stream (or a reset) before {@code ms}. */
    private static boolean closedWithin(Socket socket, int ms) throws IOException {
        socket.setSoTimeout(ms);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // an answer the server may write before it closes
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Sends one byte every 200 ms until the server closes the connection (true) or {@link #GIVE_UP_MS} passes. */
    private static boolean closedWhileTrickling(Socket socket, char trickled) throws IOException {
        socket.setSoTimeout(200);
        long giveUp = System.nanoTime() + GIVE_UP_MS * 1_000_000L;
        while (System.nanoTime() < giveUp) {
            try {
                socket.getOutputStream().write(trickled);
                if (socket.getInputStream().read() == -1) return true;
            } catch (SocketTimeoutException stillOpen) {
                // the server is still waiting: trickle on
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    private static void awaitOpen(int expected) {
        assertTrue(TestService.eventually(Duration.ofSeconds(10), () -> service.connections().open() == expected),
                "open connections: " + service.connections().open() + ", expected " + expected);
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) socket.close();
        awaitOpen(0);
    }

    @Test
    void oneAddressGetsItsCapAndNoMoreWhileOthersAreStillAnswered() throws IOException {
        awaitOpen(0);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) held.add(halfOpen("127.0.0.2"));
            awaitOpen(PER_ADDRESS);
            Socket oneMore = halfOpen("127.0.0.2");
            held.add(oneMore);
            assertTrue(closedWithin(oneMore, GIVE_UP_MS), "a connection over the address's cap is closed");
            assertEquals(200, RawHttp.exchange(service.port(), RawHttp.get("/health")).status(), "another address is still answered");
        } finally {
            closeAll(held);
        }
    }

    @Test
    void atTheTotalCapHealthSays503AndRequestsGetTheErrorBodyAndBeyondTheReserveConnectionsAreClosed() throws IOException {
        awaitOpen(0);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) held.add(halfOpen("127.0.0." + (3 + i % 2)));
            awaitOpen(CAP);

            RawHttp.Answer health = RawHttp.exchange(service.port(), RawHttp.get("/health"));
            assertEquals(503, health.status());
            JsonObject connections = health.json().getJsonObject("components").getJsonObject("connections");
            assertFalse(connections.getBoolean("ready"), health.body());

            RawHttp.Answer evaluate = RawHttp.exchange(service.port(), RawHttp.post("/v1/evaluate",
                    "Host: 127.0.0.1\r\nContent-Type: application/json\r\n", "{}"));
            assertEquals(503, evaluate.status());
            JsonObject error = evaluate.json();
            assertEquals("overloaded", error.getString("error"));
            assertTrue(error.containsKey("field") && error.getString("field") == null);

            // The reserve lets a few more in to be answered; past it, none is held.
            for (int i = 0; i < ConnectionGuard.RESERVE + 20; i++) held.add(halfOpen("127.0.0." + (5 + i % 3)));
            assertTrue(TestService.eventually(Duration.ofSeconds(10),
                    () -> service.connections().open() <= CAP + ConnectionGuard.RESERVE), "open: " + service.connections().open());
        } finally {
            closeAll(held);
        }
        assertEquals(200, RawHttp.exchange(service.port(), RawHttp.get("/health")).status(), "below the cap again, ready again");
    }

    @Test
    void headersTrickledByteByByteAreCutOffAtTheHeaderTimeout() throws Exception {
        try (Socket socket = halfOpen("127.0.0.6")) {
            assertTrue(closedWhileTrickling(socket, 'X'), "a trickle of header bytes does not keep the connection open");
        }
    }

    @Test
    void aBodyThatNeverCompletesIsCutOffAtTheBodyTimeout() throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.7", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", service.port()));
            socket.getOutputStream().write(("POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1:" + service.port()
                    + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"org\":").getBytes(StandardCharsets.US_ASCII));
            assertTrue(closedWhileTrickling(socket, ' '), "a trickled body does not keep the connection open");
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.8", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", service.port()));
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(GIVE_UP_MS);
            byte[] first = new byte[12];
            assertEquals(12, socket.getInputStream().readNBytes(first, 0, 12));
            assertEquals("HTTP/1.1 200", new String(first, StandardCharsets.US_ASCII), "answered and kept alive");
            assertTrue(closedWithin(socket, GIVE_UP_MS), "closed once idle");
        }
    }
}
