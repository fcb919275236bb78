package dev.amfa.http;

import dev.amfa.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.LINKOPING_SE;
import static dev.amfa.http.Logins.MELBOURNE_AU;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caller's clock dates a login; it does not move the windows (issue 10, finding 5), on both stores. */
class ClientClockTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String code(JsonObject evaluation, String signal) {
        return Logins.signal(evaluation, signal).getString("code");
    }

    private static void refused(String timestamp) {
        var response = service.post("/v1/evaluate", login("clock", BOXFORD_GB, Instant.now()).put("timestamp", timestamp));
        assertEquals(400, response.statusCode(), timestamp + ": " + response.bodyAsString());
        JsonObject error = response.bodyAsJsonObject();
        assertEquals("invalid_request", error.getString("error"));
        assertEquals("timestamp", error.getString("field"), timestamp);
    }

    @Test
    void timestampsAheadOfTheServerOrBeyondTheReplayAgeAreRefused() {
        Instant now = Instant.now();
        refused(now.plus(Duration.ofHours(1)).toString());
        refused("2099-01-01T09:00:00Z");
        refused("+999999999-12-31T23:59:59Z");
        refused("-999999999-01-01T00:00:00Z");
        refused(now.minus(Duration.ofDays(400)).toString());
        // A clock a little fast is fine, and so is a replay of last week.
        Logins.evaluate(service, login("clock", BOXFORD_GB, now.plus(Duration.ofMinutes(4))));
        Logins.evaluate(service, login("clock", BOXFORD_GB, now.minus(Duration.ofDays(7))));
    }

    /** A credential-stuffing burst reported with back-dated timestamps still counts in the live window. */
    @Test
    void failuresCountForVelocityWhenTheyAreLearnedNotWhenTheCallerSaysTheyHappened() {
        Instant lastWeek = Instant.now().minus(Duration.ofDays(7));
        for (int i = 0; i < 25; i++) {
            Logins.outcome(service, Logins.evaluate(service, login("replayed-" + i, LINKOPING_SE, lastWeek.plusSeconds(i))), "failure", "not_required");
        }
        JsonObject body = login("live-victim", LINKOPING_SE, Instant.now());
        body.remove("timestamp");
        JsonObject live = Logins.evaluate(service, body);
        assertEquals("high_velocity", code(live, "UntrustedIP"), live.encode());
    }

    /** A replay of an older login does not replace the user's last login, so travel is judged from the newest. */
    @Test
    void aReplayedOlderLoginDoesNotBecomeTheLastLogin() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Logins.outcome(service, Logins.evaluate(service, login("traveller", BOXFORD_GB, now.minus(Duration.ofMinutes(30)))), "success", "passed");
        Logins.outcome(service, Logins.evaluate(service, login("traveller", MELBOURNE_AU, now.minus(Duration.ofDays(3)))), "success", "passed");
        JsonObject next = Logins.evaluate(service, login("traveller", BOXFORD_GB, now));
        assertEquals("minimal_travel_from_last_login", code(next, "ImpossibleTravel"), next.encode());
    }

    /** The device is known for 30 days from when the service saw it, not from the login's own date. */
    @Test
    void aDeviceIsSeenAtTheServersTime() {
        Instant before = Instant.now();
        Logins.outcome(service, Logins.evaluate(service, login("seen", BOXFORD_GB, before.minus(Duration.ofDays(20)))), "success", "passed");
        JsonObject again = Logins.evaluate(service, login("seen", BOXFORD_GB, Instant.now()));
        JsonObject details = again.getJsonObject("assessments").getJsonObject("NewDevice").getJsonObject("details");
        assertEquals("match", code(again, "NewDevice"));
        assertTrue(!Instant.parse(details.getString("last_seen")).isBefore(before.truncatedTo(ChronoUnit.MILLIS).minusMillis(1)),
                details.encode());
    }
}
