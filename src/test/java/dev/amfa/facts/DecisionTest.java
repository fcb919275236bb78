package dev.amfa.facts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionTest {
    private final Decision decision = new Decision(List.of("email", "otp"));

    @Test
    void confidenceIsTheLowestOpinion() {
        decision.lowerConfidence(Confidence.NEUTRAL);
        assertEquals(Confidence.NEUTRAL, decision.getConfidence());
        decision.lowerConfidence(Confidence.HIGH);
        decision.lowerConfidence(Confidence.LOW);
        decision.lowerConfidence(Confidence.MEDIUM);
        decision.lowerConfidence(Confidence.NEUTRAL);
        assertEquals(Confidence.LOW, decision.getConfidence());
    }

    @Test
    void risksCompoundButNeverPassOne() {
        decision.compoundRisk(0.5);
        decision.compoundRisk(0.5);
        assertEquals(0.75, decision.getRiskScore(), 1e-12);
        for (int i = 0; i < 100; i++) decision.compoundRisk(0.9);
        assertTrue(decision.getRiskScore() <= 1.0);
        assertThrows(IllegalArgumentException.class, () -> decision.compoundRisk(1.5));
    }

    @Test
    void aDenyCannotBeUndone() {
        decision.deny("bad network");
        decision.allow("trusted");
        decision.challenge("otp");
        decision.require("otp");
        assertEquals(Action.DENY, decision.action());
        assertEquals(List.of(), decision.factors());
    }

    @Test
    void challengeOffersOnlyEnrolledFactorsInPreferenceOrder() {
        decision.challenge("webauthn-roaming", "otp", "sms", "email");
        assertEquals(List.of("otp", "email"), decision.factors());
        assertTrue(decision.mfaRequired());
        assertEquals(List.of(), decision.enroll());
    }

    @Test
    void requireNarrowsAndLaterChallengesCannotWiden() {
        decision.require("webauthn-roaming");
        decision.challenge("otp", "email");
        assertEquals(Action.CHALLENGE, decision.action());
        assertEquals(List.of(), decision.factors());
        assertEquals(List.of("webauthn-roaming"), decision.enroll(), "the user must enrol the required factor");
    }

    @Test
    void allowMayLowerAChallenge() {
        decision.challenge("otp");
        decision.allow("office network");
        assertEquals(Action.ALLOW, decision.action());
        assertEquals(List.of("office network"), decision.getNotes());
    }

    @Test
    void undecidedFailsClosedWithEveryEnrolledFactor() {
        assertEquals(Action.CHALLENGE, decision.action());
        assertEquals(List.of("email", "otp"), decision.factors());
    }

    @Test
    void aSkippedFlowIsAllowedUnlessAnOrgEvaluatesItAnyway() {
        decision.challenge("otp");
        decision.skip("refresh_token");
        assertFalse(decision.isEvaluated());
        assertEquals(Action.ALLOW, decision.action());
        assertFalse(decision.mfaRequired());
        decision.evaluateAnyway("org covers refresh tokens");
        assertEquals(Action.CHALLENGE, decision.action());
    }

    @Test
    void aMistypedFactorIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decision.challenge("totp"));
        assertTrue(e.getMessage().contains("totp"));
    }
}
