package dev.amfa.engine;

import dev.amfa.facts.Action;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Decision;
import dev.amfa.facts.Device;
import dev.amfa.facts.Geo;
import dev.amfa.facts.LoginContext;
import dev.amfa.facts.Org;
import dev.amfa.policy.Baseline;
import dev.amfa.policy.EffectivePolicy;
import dev.amfa.facts.User;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped baseline rules (rules/*.drl): how signal confidences combine and which factors are offered. */
class BaselineRulesTest {
    private static final List<String> ALL_ENROLLED = List.of("sms", "email", "otp", "push", "webauthn-roaming");
    static Baseline baseline;

    @BeforeAll
    static void compile() throws Exception {
        baseline = Baseline.load(Path.of("rules"));
    }

    /** The Org fact of an org without a policy folder. */
    static Org defaultOrg(String name) {
        return EffectivePolicy.of(baseline, name, null).fact();
    }

    static Assessment a(String signal, Confidence confidence, String code) {
        return new Assessment(signal, confidence, code, new JsonObject());
    }

    static EngineResult run(String flow, List<String> enrolled, Assessment... assessments) {
        List<Object> facts = new ArrayList<>();
        facts.add(new LoginContext("e1", "acme", flow, null, "192.0.2.1", Instant.EPOCH, null, List.of()));
        facts.add(new User("alice", null, List.of(), Map.of(), enrolled, 0));
        facts.add(new Device("d", null, "ua", "Chrome", "Windows"));
        facts.add(Geo.unknown());
        facts.add(defaultOrg("acme"));
        facts.addAll(List.of(assessments));
        return PolicyEngine.evaluate(baseline.rules(), null, baseline.version(), new Decision(enrolled), facts);
    }

    static EngineResult run(Assessment... assessments) {
        return run("authorization_code", ALL_ENROLLED, assessments);
    }

    static Assessment high(String signal) {
        return a(signal, Confidence.HIGH, "match");
    }

    @Test
    void threeHighSignalsAllow() {
        Decision d = run(high("NewDevice"), high("ImpossibleTravel"), high("UntrustedIP")).decision();
        assertEquals(Action.ALLOW, d.action());
        assertEquals(Confidence.HIGH, d.getConfidence());
        assertEquals(0.0, d.getRiskScore());
    }

    @Test
    void oneLowSignalBesideTwoHighOnesIsEnoughToChallenge() {
        Decision d = run(high("NewDevice"), a("ImpossibleTravel", Confidence.LOW, "impossible_travel_from_last_login"),
                high("UntrustedIP")).decision();
        assertEquals(Action.CHALLENGE, d.action());
        assertEquals(Confidence.LOW, d.getConfidence());
        assertEquals(0.70, d.getRiskScore(), 1e-9);
        assertEquals(List.of("webauthn-roaming", "push", "otp", "email", "sms"), d.factors());
    }

    @Test
    void oneMediumSignalOffersTheMostConvenientFactorsFirst() {
        Decision d = run(a("NewDevice", Confidence.MEDIUM, "partial_match"), high("ImpossibleTravel"),
                high("UntrustedIP")).decision();
        assertEquals(Action.CHALLENGE, d.action());
        assertEquals(0.35, d.getRiskScore(), 1e-9);
        assertEquals(List.of("push", "otp", "webauthn-roaming", "email", "sms"), d.factors());
    }

    @Test
    void twoMediumSignalsCompoundIntoAStrongChallenge() {
        EngineResult r = run(a("NewDevice", Confidence.MEDIUM, "partial_match"),
                a("ImpossibleTravel", Confidence.MEDIUM, "substantial_travel_from_last_login"), high("UntrustedIP"));
        assertEquals(Confidence.MEDIUM, r.decision().getConfidence());
        assertEquals(1 - 0.65 * 0.65, r.decision().getRiskScore(), 1e-9);
        assertEquals("webauthn-roaming", r.decision().factors().get(0));
        assertTrue(r.reasons().contains("High risk: challenge with phishing-resistant factors first"));
        assertFalse(r.reasons().contains("Medium risk: challenge with any enrolled factor"));
    }

    @Test
    void neutralSignalsHaveNoSay() {
        Decision onlyNeutral = run(a("ImpossibleTravel", Confidence.NEUTRAL, "initial_login")).decision();
        assertEquals(Confidence.NEUTRAL, onlyNeutral.getConfidence());
        assertEquals(Action.ALLOW, onlyNeutral.action());
        Decision mixed = run(a("ImpossibleTravel", Confidence.NEUTRAL, "initial_login"), high("NewDevice")).decision();
        assertEquals(Confidence.HIGH, mixed.getConfidence());
    }

    @Test
    void aSignalThatWasNotAvailableChallenges() {
        Decision d = run(high("NewDevice"), high("ImpossibleTravel"),
                Assessment.notAvailable("UntrustedIP", "timeout")).decision();
        assertEquals(Action.CHALLENGE, d.action());
        assertEquals(Confidence.LOW, d.getConfidence());
    }

    @Test
    void abuseAndUnroutableDenyListsDenyOtherCategoriesChallenge() {
        for (String category : List.of("abuse", "unroutable")) {
            Assessment listed = new Assessment("UntrustedIP", Confidence.LOW, "found_on_deny_list",
                    new JsonObject().put("list", "x").put("category", category));
            Decision d = run(high("NewDevice"), high("ImpossibleTravel"), listed).decision();
            assertEquals(Action.DENY, d.action(), category);
            assertFalse(d.mfaRequired());
            assertTrue(d.getNotes().get(0).contains(category), d.getNotes().toString());
        }
        Assessment vpn = new Assessment("UntrustedIP", Confidence.LOW, "found_on_deny_list",
                new JsonObject().put("category", "anonymizer"));
        assertEquals(Action.CHALLENGE, run(high("NewDevice"), vpn).decision().action());
    }

    @Test
    void usersWithoutFactorsAreAskedToEnrolPhishingResistantFirst() {
        Decision d = run("authorization_code", List.of(), a("NewDevice", Confidence.LOW, "initial_login")).decision();
        assertEquals(Action.CHALLENGE, d.action());
        assertEquals(List.of(), d.factors());
        assertEquals(List.of("webauthn-platform", "webauthn-roaming", "otp", "email"), d.enroll());
    }

    @Test
    void uncoveredFlowsAreAllowedUnevaluatedAndOthersAreNot() {
        for (String flow : List.of("password_grant", "device_code", "refresh_token")) {
            Decision d = run(flow, ALL_ENROLLED, a("NewDevice", Confidence.LOW, "no_match")).decision();
            assertFalse(d.isEvaluated(), flow);
            assertEquals(Action.ALLOW, d.action(), flow);
        }
        for (String flow : List.of("authorization_code", "saml", "wsfed", "ldap", "form")) {
            Decision d = run(flow, ALL_ENROLLED, a("NewDevice", Confidence.LOW, "no_match")).decision();
            assertTrue(d.isEvaluated(), flow);
            assertEquals(Action.CHALLENGE, d.action(), flow);
        }
    }

    @Test
    void firedRulesAreRecordedInOrderWithTheirFacts() {
        EngineResult r = run(high("NewDevice"), high("ImpossibleTravel"), high("UntrustedIP"));
        assertEquals(List.of("Each signal weighs on the risk", "Each signal weighs on the risk",
                "Each signal weighs on the risk", "Combine the signals", "Trusted login: allow"), r.reasons());
        FiredRule allow = r.fired().get(4);
        assertEquals("baseline", allow.ruleSet());
        assertTrue(allow.facts().get(0).toString().startsWith("Risk(high"), allow.facts().toString());
        assertEquals(baseline.version(), r.policyVersion());
    }
}
