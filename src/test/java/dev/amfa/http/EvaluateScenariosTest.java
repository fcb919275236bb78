package dev.amfa.http;

import dev.amfa.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.amfa.http.Logins.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The login scenarios of the evaluation service, over HTTP against a real service with real GeoIP data. */
class EvaluateScenariosTest {
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static JsonObject evaluate(JsonObject body) {
        return Logins.evaluate(service, body);
    }

    private static void outcome(JsonObject evaluation, String result, String mfa) {
        Logins.outcome(service, evaluation, result, mfa);
    }

    /** A user who logged in successfully once from Boxford on their laptop. */
    private static void knownAtBoxford(String user, Instant at) {
        outcome(evaluate(login(user, BOXFORD_GB, at)), "success", "passed");
    }

    @Test
    void firstLoginIsChallengedWithPhishingResistantFactorsFirst() {
        JsonObject first = evaluate(login("first", BOXFORD_GB, T0));
        assertEquals("challenge", first.getString("action"));
        assertEquals("low", first.getString("confidence"));
        assertEquals("initial_login", signal(first, "NewDevice").getString("code"));
        assertEquals("initial_login", signal(first, "ImpossibleTravel").getString("code"));
        assertEquals("not_found_on_deny_list", signal(first, "UntrustedIP").getString("code"));
        JsonObject mfa = first.getJsonObject("mfa");
        assertTrue(mfa.getBoolean("required"));
        assertEquals(new JsonArray().add("webauthn-roaming").add("otp").add("email"), mfa.getJsonArray("factors"));
        assertEquals("acme", first.getJsonObject("policy").getString("org"));
        assertFalse(first.getJsonObject("policy").getString("version").isBlank());
        assertTrue(first.getJsonArray("reasons").contains("High risk: challenge with phishing-resistant factors first"));
    }

    @Test
    void theSameDeviceAgainIsAllowed() {
        knownAtBoxford("returning", T0);
        JsonObject again = evaluate(login("returning", BOXFORD_GB, T0.plus(Duration.ofDays(2))));
        assertEquals("allow", again.getString("action"));
        assertEquals("high", again.getString("confidence"));
        assertEquals(0.0, again.getDouble("risk_score"));
        assertEquals("match", signal(again, "NewDevice").getString("code"));
        assertEquals("minimal_travel_from_last_login", signal(again, "ImpossibleTravel").getString("code"));
        assertFalse(again.getJsonObject("mfa").getBoolean("required"));
        assertTrue(again.getJsonArray("reasons").contains("Trusted login: allow"));
    }

    @Test
    void aNewDeviceFromAKnownPlaceIsChallenged() {
        knownAtBoxford("newdevice", T0);
        JsonObject other = evaluate(login("newdevice", BOXFORD_GB, "tablet", FIREFOX_LINUX, T0.plusSeconds(3600)));
        assertEquals("no_match", signal(other, "NewDevice").getString("code"));
        assertEquals("minimal_travel_from_last_login", signal(other, "ImpossibleTravel").getString("code"));
        assertEquals("challenge", other.getString("action"));

        // Same browser and OS on a new device id (a cleared cookie): partial match, convenient factors first.
        JsonObject cleared = evaluate(login("newdevice", BOXFORD_GB, "laptop-2", CHROME_WINDOWS, T0.plusSeconds(7200)));
        assertEquals("partial_match", signal(cleared, "NewDevice").getString("code"));
        assertEquals("medium", cleared.getString("confidence"));
        assertEquals("challenge", cleared.getString("action"));
        assertEquals(new JsonArray().add("otp").add("webauthn-roaming").add("email"),
                cleared.getJsonObject("mfa").getJsonArray("factors"));
    }

    @Test
    void boxfordThenMelbourneOneHourLaterIsImpossibleTravel() {
        knownAtBoxford("traveller", T0);
        JsonObject far = evaluate(login("traveller", MELBOURNE_AU, T0.plus(Duration.ofHours(1))));
        JsonObject travel = signal(far, "ImpossibleTravel");
        assertEquals("impossible_travel_from_last_login", travel.getString("code"));
        assertEquals("low", travel.getString("confidence"));
        JsonObject details = travel.getJsonObject("details");
        assertEquals("Boxford", details.getJsonObject("from").getString("city"));
        assertEquals("Melbourne", details.getJsonObject("to").getString("city"));
        assertTrue(details.getDouble("distance_km") > 16_000, details.encode());
        assertTrue(details.getDouble("speed_kmh") > 16_000, details.encode());
        assertEquals(1.0, details.getDouble("elapsed_hours"));
        assertEquals("match", signal(far, "NewDevice").getString("code"));
        assertEquals("challenge", far.getString("action"));
    }

    @Test
    void aPreviousMfaSessionDoesNotBypassARiskyLogin() {
        knownAtBoxford("session", T0);
        JsonObject body = login("session", MELBOURNE_AU, T0.plus(Duration.ofHours(1)))
                .put("mfa_session", new JsonObject().put("factors", new JsonArray().add("otp").add("webauthn-roaming")));
        JsonObject risky = evaluate(body);
        assertEquals("challenge", risky.getString("action"));
        assertTrue(risky.getJsonObject("mfa").getBoolean("required"));
    }

    @Test
    void aTorExitNodeIsChallengedAsAnAnonymizer() {
        knownAtBoxford("tor", T0);
        JsonObject tor = evaluate(login("tor", TOR_EXIT, T0.plusSeconds(600)));
        JsonObject ip = signal(tor, "UntrustedIP");
        assertEquals("found_on_deny_list", ip.getString("code"));
        assertEquals("anonymizer", ip.getJsonObject("details").getString("category"));
        assertEquals("tor_exit_node", ip.getJsonObject("details").getString("kind"));
        assertEquals("anonymous_proxy", signal(tor, "ImpossibleTravel").getString("code"));
        assertEquals("challenge", tor.getString("action"));
    }

    @Test
    void aDenyListedIpIsDenied() {
        knownAtBoxford("attacked", T0);
        JsonObject denied = evaluate(login("attacked", ABUSE_LISTED, T0.plusSeconds(600)));
        JsonObject ip = signal(denied, "UntrustedIP");
        assertEquals("found_on_deny_list", ip.getString("code"));
        assertEquals(new JsonObject().put("source", "deny_list").put("list", "abuse")
                .put("network", "175.16.199.0/24").put("category", "abuse"), ip.getJsonObject("details"));
        assertEquals("deny", denied.getString("action"));
        assertFalse(denied.getJsonObject("mfa").getBoolean("required"));
        assertTrue(denied.getJsonArray("reasons").contains("Deny abusive and unroutable networks"));
    }

    @Test
    void anAllowListedProxyIsTrustedWhateverElseSays() {
        // The hosting range is flagged by the anonymous-IP data, yet it is the corporate proxy.
        JsonObject hosting = evaluate(login("employee", HOSTING_PROXY, T0));
        JsonObject ip = signal(hosting, "UntrustedIP");
        assertEquals("not_found_on_deny_list", ip.getString("code"));
        assertEquals("high", ip.getString("confidence"));
        assertEquals("allow_list", ip.getJsonObject("details").getString("source"));
        assertEquals("71.160.223.0/24", ip.getJsonObject("details").getString("network"));

        // Even after a burst of failures through it (every employee shares the proxy's IP).
        for (int i = 0; i < 30; i++) {
            outcome(evaluate(login("colleague-" + i, MILTON_US_PROXY, T0)), "failure", "not_required");
        }
        outcome(evaluate(login("employee", MILTON_US_PROXY, T0)), "success", "passed");
        JsonObject known = evaluate(login("employee", MILTON_US_PROXY, T0.plusSeconds(60)));
        assertEquals("not_found_on_deny_list", signal(known, "UntrustedIP").getString("code"));
        assertEquals("allow", known.getString("action"));
    }

    @Test
    void thirtyFailedLoginsFromOneIpAcrossUsersIsHighVelocity() {
        for (int i = 0; i < 30; i++) {
            outcome(evaluate(login("stuffed-" + i, LINKOPING_SE, T0.plusSeconds(i))), "failure", "not_required");
        }
        knownAtBoxford("victim", T0.minus(Duration.ofDays(1)));
        JsonObject next = evaluate(login("victim", LINKOPING_SE, T0.plusSeconds(60)));
        JsonObject ip = signal(next, "UntrustedIP");
        assertEquals("high_velocity", ip.getString("code"));
        assertEquals("low", ip.getString("confidence"));
        assertEquals(30, ip.getJsonObject("details").getInteger("failures"));
        assertEquals(30, ip.getJsonObject("details").getInteger("distinct_users"));
        assertEquals("challenge", next.getString("action"));
    }

    @Test
    void oneUsersTyposAreNotCredentialStuffing() {
        for (int i = 0; i < 30; i++) {
            outcome(evaluate(login("typist", "89.160.20.120", T0.plusSeconds(i))), "failure", "not_required");
        }
        JsonObject next = evaluate(login("someone-else", "89.160.20.120", T0.plusSeconds(60)));
        assertEquals("not_found_on_deny_list", signal(next, "UntrustedIP").getString("code"));
    }

    @Test
    void flowsOutsideAdaptiveMfaAreNotEvaluated() {
        for (String flow : List.of("password_grant", "device_code", "refresh_token")) {
            JsonObject skipped = evaluate(login("api-client", TOR_EXIT, T0).put("flow", flow));
            assertFalse(skipped.getBoolean("evaluated"), flow);
            assertEquals("allow", skipped.getString("action"), flow);
            assertFalse(skipped.getJsonObject("mfa").getBoolean("required"), flow);
            assertTrue(skipped.getJsonArray("reasons").contains("Flows outside adaptive MFA are not evaluated"));
        }
        assertTrue(evaluate(login("api-client", TOR_EXIT, T0).put("flow", "saml")).getBoolean("evaluated"));
    }

    @Test
    void aUserWithoutFactorsIsAskedToEnrol() {
        JsonObject body = login("nofactors", BOXFORD_GB, T0);
        body.getJsonObject("user").remove("enrolled_factors");
        JsonObject first = evaluate(body);
        assertEquals("challenge", first.getString("action"));
        assertEquals(new JsonArray(), first.getJsonObject("mfa").getJsonArray("factors"));
        assertEquals(new JsonArray().add("webauthn-platform").add("webauthn-roaming").add("otp").add("email"),
                first.getJsonObject("mfa").getJsonArray("enroll"));
    }

    @Test
    void aLoginWithOnlyAUserAgentIsComparedWithHistory() {
        knownAtBoxford("nodevice", T0);
        JsonObject sameBrowser = evaluate(login("nodevice", BOXFORD_GB, null, CHROME_WINDOWS, T0.plusSeconds(60)));
        assertEquals("partial_match", signal(sameBrowser, "NewDevice").getString("code"));
        assertEquals("challenge", sameBrowser.getString("action"));
        JsonObject otherBrowser = evaluate(login("nodevice", BOXFORD_GB, null, FIREFOX_LINUX, T0.plusSeconds(120)));
        assertEquals("no_match", signal(otherBrowser, "NewDevice").getString("code"));
        JsonObject nothing = evaluate(login("nodevice", BOXFORD_GB, null, "curl/8.4.0", T0.plusSeconds(180)));
        assertEquals("unknown_device", signal(nothing, "NewDevice").getString("code"));
        assertEquals("challenge", nothing.getString("action"));
    }

    @Test
    void theFingerprintLearntWithACookieRecognisesAClearedCookieAndExposesAStolenOne() {
        JsonObject first = evaluate(fingerprinted(login("fp-user", BOXFORD_GB, "cookie-1", CHROME_WINDOWS, T0), "fp-laptop"));
        outcome(first, "success", "passed");

        JsonObject cleared = evaluate(fingerprinted(login("fp-user", BOXFORD_GB, "cookie-2", CHROME_WINDOWS,
                T0.plusSeconds(3600)), "fp-laptop"));
        assertEquals("match", signal(cleared, "NewDevice").getString("code"));
        assertEquals("fingerprint", signal(cleared, "NewDevice").getJsonObject("details").getString("matched_by"));
        assertEquals("allow", cleared.getString("action"));

        JsonObject stolen = evaluate(fingerprinted(login("fp-user", BOXFORD_GB, "cookie-1", FIREFOX_LINUX,
                T0.plusSeconds(7200)), "fp-thief"));
        assertEquals("no_match", signal(stolen, "NewDevice").getString("code"));
        assertEquals("challenge", stolen.getString("action"));
    }

    private static JsonObject fingerprinted(JsonObject login, String fingerprint) {
        login.getJsonObject("device").put("fingerprint", fingerprint);
        return login;
    }

    @Test
    void explainListsEveryFiredRuleWithItsFacts() {
        var response = service.post("/v1/evaluate?explain=true", login("explained", BOXFORD_GB, T0));
        JsonArray explanation = response.bodyAsJsonObject().getJsonArray("explanation");
        JsonObject combine = explanation.stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("rule").equals("Combine the signals")).findFirst().orElseThrow();
        assertEquals("baseline", combine.getString("rule_set"));
        assertTrue(combine.getJsonArray("facts").getString(0).startsWith("LoginContext(acme"), combine.encode());
        assertEquals(3, explanation.stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("rule").equals("Each signal weighs on the risk")).count());
    }

    @Test
    void theDefaultTimestampIsNow() {
        JsonObject body = login("clock", BOXFORD_GB, T0);
        body.remove("timestamp");
        Instant before = Instant.now();
        JsonObject first = evaluate(body);
        outcome(first, "success", "passed");
        JsonObject again = evaluate(body);
        Instant lastSeen = Instant.parse(signal(again, "NewDevice").getJsonObject("details").getString("last_seen"));
        assertFalse(lastSeen.isBefore(before), lastSeen + " is before " + before);
    }
}
