package dev.amfa.http;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: for requests a client library would correct (framing,
 * NUL in a path, a body that is not UTF-8). Reads the answer to the end of the connection or of its
 * Content-Length, and says whether the server closed the connection after it.
 */
final class RawHttp {
    /** Longer than any answer may take: a request that gets none within it is a hang. */
    static final int READ_TIMEOUT_MILLIS = 10_000;

    record Answer(int status, Map<String, String> headers, String body, boolean closed) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private RawHttp() {
    }

    /** A well-framed request with a Content-Length body (null for none) and Connection: close. */
    static Answer request(int port, String method, String target, String bearer, byte[] body) throws IOException {
        // Host with the port: the loopback mode refuses requests addressed to another host (DNS rebinding).
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        if (bearer != null) head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) bytes.writeBytes(body);
        return exchange(port, bytes.toByteArray());
    }

    /** Like {@link #exchange}, but null when the server closed the connection without answering. */
    static Answer exchangeOrClosed(int port, byte[] request) throws IOException {
        try {
            return exchange(port, request);
        } catch (AssertionError e) {
            if (e.getMessage().startsWith("the server closed")) return null;
            throw e;
        } catch (java.net.SocketException e) {
            return null;
        }
    }

    /** Writes the bytes as they are, reads one answer. */
    static Answer exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            if (statusLine == null) throw new AssertionError("the server closed the connection without an answer");
            Map<String, String> headers = new TreeMap<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (length >= 0) {
                body.writeBytes(in.readNBytes(length));
            } else {
                in.transferTo(body);
            }
            boolean closed;
            try {
                closed = in.read() == -1;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (IOException e) {
                closed = true;
            }
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
                    body.toString(StandardCharsets.UTF_8), closed);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + READ_TIMEOUT_MILLIS + " ms", e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** {@link #exchange(int, byte[])} of a request written as text (UTF-8). */
    static Answer exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.UTF_8));
    }

    /** A POST of {@code body} with the given extra header lines (each ending in \r\n), then Connection: close. */
    static String post(String path, String headers, String body) {
        return "POST " + path + " HTTP/1.1\r\n" + headers + "Connection: close\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    }
}
