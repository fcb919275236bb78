package dev.amfa.http;

import dev.amfa.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The zero-configuration loopback API answers only requests addressed to this host from no foreign web page,
 * and every POST is JSON (issue 10, finding 6): a page in a local browser can send text/plain to any address
 * without a CORS preflight, and one that rebinds its DNS name to 127.0.0.1 sends its own name as Host.
 */
class SafeDefaultsTest {
    private static TestService service;
    private static final String ENROL = "/v1/users/victim/factors/otp";
    private static final String ORG = new JsonObject().put("org", "acme").encode();

    @BeforeAll
    static void start() {
        service = TestService.start(); // no API keys: the loopback mode
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static RawHttp.Answer enrol(String headers) throws IOException {
        return RawHttp.exchange(service.port(), RawHttp.post(ENROL, headers, ORG));
    }

    private static void refused(RawHttp.Answer answer, int status, String error, String field) {
        assertEquals(status, answer.status(), answer.body());
        JsonObject body = answer.json();
        assertEquals(error, body.getString("error"), answer.body());
        assertEquals(field, body.getString("field"), answer.body());
        assertEquals(3, body.size(), "error, field and message: " + answer.body());
    }

    private String host() {
        return "Host: 127.0.0.1:" + service.port() + "\r\n";
    }

    @Test
    void aTextPlainPostIs415() throws IOException {
        refused(enrol(host() + "Content-Type: text/plain\r\n"), 415, "unsupported_media_type", "Content-Type");
        refused(enrol(host() + "Content-Type: application/x-www-form-urlencoded\r\n"), 415, "unsupported_media_type", "Content-Type");
        refused(enrol(host()), 415, "unsupported_media_type", "Content-Type");
    }

    @Test
    void aForeignHostIsRefusedEvenFromLoopback() throws IOException {
        refused(enrol("Host: attacker.example:" + service.port() + "\r\nContent-Type: application/json\r\n"), 403, "forbidden", "Host");
        refused(enrol("Host: 127.0.0.1:1\r\nContent-Type: application/json\r\n"), 403, "forbidden", "Host");
    }

    @Test
    void aForeignOriginIsRefused() throws IOException {
        refused(enrol(host() + "Origin: https://attacker.example\r\nContent-Type: application/json\r\n"), 403, "forbidden", "Origin");
        refused(enrol(host() + "Origin: null\r\nContent-Type: application/json\r\n"), 403, "forbidden", "Origin");
    }

    @Test
    void thisHostByNameOrAddressAndALocalPageMayCall() throws IOException {
        assertEquals(201, enrol(host() + "Content-Type: application/json; charset=utf-8\r\n").status());
        assertEquals(201, enrol("Host: localhost:" + service.port() + "\r\nOrigin: http://localhost:3000\r\n"
                + "Content-Type: application/json\r\n").status());
        assertEquals(201, enrol("Host: [::1]:" + service.port() + "\r\nContent-Type: application/json\r\n").status());
        // No body, no content type: nothing to read (resend, reload, rollback).
        RawHttp.Answer resend = RawHttp.exchange(service.port(), "POST /v1/challenges/unknown/resend HTTP/1.1\r\n" + host()
                + "Connection: close\r\n\r\n");
        assertEquals(404, resend.status(), resend.body());
    }

    /** JSON is required with API keys too: a key in a browser's cookie jar is no reason to read a form. */
    @Test
    void withApiKeysAPostMustBeJsonToo() throws IOException {
        try (TestService keyed = TestService.start(TestService.config().withAuth(TestService.ADMIN_TOKEN,
                java.util.List.of(dev.amfa.callers.ApiKey.of("oidc", "k1", "acme"))))) {
            RawHttp.Answer answer = RawHttp.exchange(keyed.port(), RawHttp.post("/v1/evaluate", "Host: 127.0.0.1:" + keyed.port()
                    + "\r\nAuthorization: Bearer k1\r\nContent-Type: text/plain\r\n", "{}"));
            refused(answer, 415, "unsupported_media_type", "Content-Type");
        }
    }
}
