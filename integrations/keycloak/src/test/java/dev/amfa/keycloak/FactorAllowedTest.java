package dev.amfa.keycloak;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactorAllowedTest {

    @Test
    void onlyThePreferredFactorsSubFlowRuns() {
        assertTrue(FactorAllowed.chooses("webauthn-roaming", "webauthn-roaming,otp"));
        assertFalse(FactorAllowed.chooses("otp", "webauthn-roaming,otp"), "one factor per login, amfa's first");
        assertTrue(FactorAllowed.chooses("otp", "otp"));
    }

    @Test
    void noVerdictOrNoFactorMatchesNothing() {
        assertFalse(FactorAllowed.chooses("otp", null));
        assertFalse(FactorAllowed.chooses("otp", ""));
        assertFalse(FactorAllowed.chooses(null, "otp"));
    }
}
