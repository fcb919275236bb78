package dev.amfa.keycloak;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsWhatAmfaAnswers() throws Exception {
        // shape of a real /v1/evaluate answer (trimmed)
        Decision decision = Decision.parse(JSON.readTree("""
                {"evaluation_id":"7f3a","evaluated":true,"action":"challenge",
                 "mfa":{"required":true,"factors":[],"enroll":["webauthn-platform","otp"]},
                 "assessments":{"NewDevice":{"confidence":"low","code":"initial_login"},
                                "UntrustedIP":{"confidence":"high","code":"not_found_on_deny_list"}},
                 "reasons":["Combine the signals","No enrolled factor: enrol"]}"""));
        assertEquals("7f3a", decision.evaluationId());
        assertEquals("challenge", decision.action());
        assertTrue(decision.enrol());
        assertEquals(List.of("NewDevice:initial_login"), decision.codes());
        assertEquals(List.of("Combine the signals", "No enrolled factor: enrol"), decision.reasons());
    }

    @Test
    void factorsKeepAmfasOrder() throws Exception {
        Decision decision = Decision.parse(JSON.readTree("""
                {"evaluation_id":"1","action":"challenge","mfa":{"required":true,"factors":["webauthn-roaming","otp"]}}"""));
        assertEquals(List.of("webauthn-roaming", "otp"), decision.factors());
        assertFalse(decision.enrol());
    }

    @Test
    void somethingElseIsNotADecision() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Decision.parse(JSON.readTree("{\"error\":\"bad_request\"}")));
        assertThrows(IllegalArgumentException.class, () -> Decision.parse(JSON.readTree("{\"evaluation_id\":\"1\",\"action\":\"maybe\"}")));
    }
}
