package dev.amfa.policy;

import dev.amfa.evaluation.Evaluation;
import dev.amfa.facts.Action;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.amfa.policy.PolicyFixtures.BERLIN;
import static dev.amfa.policy.PolicyFixtures.PARIS;
import static dev.amfa.policy.PolicyFixtures.decide;
import static dev.amfa.policy.PolicyFixtures.high;
import static dev.amfa.policy.PolicyFixtures.low;
import static dev.amfa.policy.PolicyFixtures.policy;
import static dev.amfa.policy.PolicyFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each policy.json setting changes decisions the way docs/policy-authoring.md says. */
class OrgSettingsBehaviourTest {
    private static final Instant MONDAY_NOON = Instant.parse("2026-01-05T12:00:00Z");

    private static Action action(Evaluation e) {
        return e.result().decision().action();
    }

    @Test
    void auditEvaluatesAndLogsButAlwaysAllows() {
        EffectivePolicy audit = policy("acme", new JsonObject().put("mode", "audit"));
        Evaluation risky = decide(audit, request("u", MONDAY_NOON, "otp"), BERLIN, low("NewDevice", "no_match"));
        assertFalse(risky.enforced());
        assertEquals(Action.CHALLENGE, action(risky), "the rules still decide");
        assertTrue(risky.unenforcedBecause().contains("audit"));
    }

    @Test
    void offSkipsMfaAndAlwaysChallengesEveryLogin() {
        EffectivePolicy off = policy("acme", new JsonObject().put("mode", "off"));
        Evaluation skipped = decide(off, request("u", MONDAY_NOON, "otp"), BERLIN, low("NewDevice", "no_match"));
        assertEquals(Action.ALLOW, action(skipped));
        assertFalse(skipped.result().decision().isEvaluated());

        EffectivePolicy always = policy("acme", new JsonObject().put("mode", "always"));
        Evaluation trusted = decide(always, request("u", MONDAY_NOON, "otp", "email"), BERLIN, high("NewDevice"));
        assertEquals(Action.CHALLENGE, action(trusted));
        assertEquals(List.of("otp", "email"), trusted.result().decision().factors());
        Evaluation risky = decide(always, request("u", MONDAY_NOON, "otp", "email", "webauthn-roaming"), BERLIN,
                low("NewDevice", "no_match"));
        assertEquals("webauthn-roaming", risky.result().decision().factors().get(0), "risk still picks the factors");
    }

    @Test
    void onlyEnabledFactorsAreOfferedOrSuggested() {
        EffectivePolicy noSms = policy("acme", new JsonObject().put("factors", new JsonArray().add("otp").add("webauthn-platform")));
        Evaluation risky = decide(noSms, request("u", MONDAY_NOON, "sms", "otp"), BERLIN, low("NewDevice", "no_match"));
        assertEquals(List.of("otp"), risky.result().decision().factors());
        Evaluation smsOnly = decide(noSms, request("v", MONDAY_NOON, "sms"), BERLIN, low("NewDevice", "no_match"));
        assertEquals(List.of(), smsOnly.result().decision().factors());
        assertEquals(List.of("webauthn-platform", "otp"), smsOnly.result().decision().enroll());
    }

    @Test
    void rolloutIncludesAStableShareOfUsers() {
        EffectivePolicy half = policy("acme", new JsonObject().put("rollout_percent", 50));
        int in = 0;
        for (int i = 0; i < 1000; i++) {
            Evaluation e = decide(half, request("user-" + i, MONDAY_NOON, "otp"), BERLIN, low("NewDevice", "no_match"));
            if (e.enforced()) in++;
            assertEquals(e.enforced(), Rollout.includes("acme", "user-" + i, 50), "stable per user");
        }
        assertTrue(in > 430 && in < 570, in + " of 1000 users in a 50% roll-out");
        for (int i = 0; i < 200; i++) {
            if (Rollout.includes("acme", "u" + i, 10)) assertTrue(Rollout.includes("acme", "u" + i, 20), "raising only adds users");
        }
        Evaluation out = decide(policy("acme", new JsonObject().put("rollout_percent", 0)), request("x", MONDAY_NOON),
                BERLIN, low("NewDevice", "no_match"));
        assertTrue(out.unenforcedBecause().contains("roll-out"));
    }

    @Test
    void homeCountriesAndBusinessHoursAreTheOrgsInItsOwnTimeZone() {
        String rules = """
                package amfa.org.acme;
                import dev.amfa.facts.*;
                global Decision decision;
                rule "Abroad needs MFA"
                when
                    Geo($country : country)
                    Org(isAbroad($country))
                    Risk()
                then
                    decision.challengeAtLeast("otp");
                end
                rule "After hours needs MFA"
                when
                    LoginContext($at : timestamp)
                    Org(!withinBusinessHours($at))
                    Risk()
                then
                    decision.challengeAtLeast("otp");
                end
                """;
        JsonObject settings = new JsonObject().put("home_countries", new JsonArray().add("DE")).put("time_zone", "Asia/Tokyo")
                .put("business_hours", new JsonObject().put("days", new JsonArray().add("MONDAY").add("TUESDAY"))
                        .put("start", "09:00").put("end", "18:00"));
        EffectivePolicy acme = policy("acme", settings, rules);
        // 01:00 UTC on Monday is 10:00 in Tokyo: within hours there, not in UTC.
        Instant tokyoMorning = Instant.parse("2026-01-05T01:00:00Z");
        assertEquals(Action.ALLOW, action(decide(acme, request("u", tokyoMorning, "otp"), BERLIN, high("NewDevice"))));
        assertEquals(Action.CHALLENGE, action(decide(acme, request("u", tokyoMorning, "otp"), PARIS, high("NewDevice"))));
        // 12:00 UTC Monday is 21:00 in Tokyo: after hours.
        assertEquals(Action.CHALLENGE, action(decide(acme, request("u", MONDAY_NOON, "otp"), BERLIN, high("NewDevice"))));
        // Unknown location is not "abroad".
        assertEquals(Action.ALLOW, action(decide(acme, request("u", tokyoMorning, "otp"), null, high("NewDevice"))));
    }

    @Test
    void thresholdOverridesChangeTheOrgsSignalsOnly() {
        EffectivePolicy strict = policy("acme", new JsonObject().put("thresholds",
                new JsonObject().put("impossible_travel.impossible_kmh", 500).put("new_device.history_days", 7)));
        assertEquals(500, strict.signals().impossibleSpeedKmh());
        assertEquals(7, strict.signals().deviceHistory().toDays());
        assertEquals(1000, PolicyFixtures.baseline().signals().impossibleSpeedKmh());
    }

    @Test
    void anUnknownThresholdOrBadSettingIsRejectedByName() {
        var unknown = org.junit.jupiter.api.Assertions.assertThrows(PolicyRejectedException.class, () ->
                PolicyBuilder.build(new PolicySources("acme", java.util.Map.of(OrgSettings.FILE_NAME,
                        "{\"thresholds\": {\"impossible_travel.speed\": 5}}")), PolicyFixtures.baseline(), "disk"));
        assertTrue(unknown.errors().get(0).message().contains("impossible_travel.speed"), unknown.getMessage());
        for (String bad : List.of("{\"time_zone\": \"Mars/Base\"}", "{\"home_countries\": [\"Germany\"]}",
                "{\"rollout_percent\": 101}", "{\"allow_networks\": [\"10.0.0.1/8\"]}", "{\"factors\": [\"totp\"]}",
                "{\"business_hours\": {\"days\": [\"MONDAY\"], \"start\": \"18:00\", \"end\": \"09:00\"}}",
                "{\"external_risk\": {\"url\": \"ftp://x\", \"timeout_ms\": 100, \"cache_seconds\": 1}}",
                "{\"external_risk\": {\"url\": \"http://x\"}}", "[1]", "{\"home_country\": [\"DE\"]}",
                "{\"business_hours\": {\"start\": \"07:00\", \"end\": \"19:00\"}}")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(PolicyRejectedException.class, () ->
                    PolicyBuilder.build(new PolicySources("acme", java.util.Map.of(OrgSettings.FILE_NAME, bad)),
                            PolicyFixtures.baseline(), "disk"), bad);
            assertEquals("acme/policy.json", e.errors().get(0).file(), bad);
        }
    }

    @Test
    void aPolicyThatEnablesNoFactorIsRejected() {
        // Accepted before: every challenge of the org then had nothing to offer.
        var e = org.junit.jupiter.api.Assertions.assertThrows(PolicyRejectedException.class, () ->
                PolicyBuilder.build(new PolicySources("acme", java.util.Map.of(OrgSettings.FILE_NAME, "{\"factors\": []}")),
                        PolicyFixtures.baseline(), "disk"));
        assertEquals("acme/policy.json", e.errors().get(0).file());
        assertTrue(e.getMessage().contains("at least one factor"), e.getMessage());
    }

    @Test
    void theOrgsAllowNetworksReachTheUntrustedIpSignal() {
        EffectivePolicy office = policy("acme", new JsonObject().put("allow_networks", new JsonArray().add("192.0.2.0/24")));
        assertTrue(office.allowNetworks().allowed(dev.amfa.ip.IpAddress.parse("192.0.2.7")).isPresent());
        assertFalse(office.allowNetworks().allowed(dev.amfa.ip.IpAddress.parse("192.0.3.7")).isPresent());
        assertNull(policy("other", null).settings().externalRisk());
        assertNotEquals(office.version(), policy("acme", null).version());
    }
}
