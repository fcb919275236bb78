package dev.amfa.http;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 written by hand on a new connection from 127.0.0.1: headers a client library would not send. */
final class RawHttp {
    /** How long an answer may take before the test gives up on it. */
    static final int GIVE_UP_MS = 15_000;

    private RawHttp() {
    }

    /** The status line and the body of an answer. */
    record Answer(String status, String body) {
        int code() {
            return Integer.parseInt(status.split(" ")[1]);
        }

        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** Sends {@code request} as it is and reads the answer to the end (the request should say Connection: close). */
    static Answer exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(GIVE_UP_MS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            return new Answer(answer.substring(0, answer.indexOf("\r\n")), end < 0 ? "" : answer.substring(end + 4));
        }
    }

    /** A POST of {@code body} with the given extra header lines (each ending in \r\n). */
    static String post(String path, String headers, String body) {
        return "POST " + path + " HTTP/1.1\r\n" + headers + "Connection: close\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    }
}
