package dev.amfa.keycloak;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginContextTest {

    @Test
    void theEvaluateBodyCarriesEveryFieldAmfaReads() {
        var body = new LoginContext("acme", "u-1", "a@example.com", List.of("admin"), List.of("otp"), "8.8.8.8",
                "Mozilla/5.0", "dev-1", LoginContext.flowOf("openid-connect"), "portal").toJson();
        assertEquals("acme", body.path("org").asText());
        assertEquals("u-1", body.path("user").path("id").asText());
        assertEquals("a@example.com", body.path("user").path("email").asText());
        assertEquals("admin", body.path("user").path("roles").get(0).asText());
        assertEquals("otp", body.path("user").path("enrolled_factors").get(0).asText());
        assertEquals("8.8.8.8", body.path("ip").asText());
        assertEquals("Mozilla/5.0", body.path("user_agent").asText());
        assertEquals("dev-1", body.path("device").path("id").asText());
        assertEquals("authorization_code", body.path("flow").asText());
        assertEquals("portal", body.path("application").asText());
        assertFalse(body.has("timestamp"), "amfa's clock, not Keycloak's: amfa refuses times in the future");
    }

    @Test
    void samlLoginsSaySo() {
        assertEquals("saml", LoginContext.flowOf("saml"));
    }

    @Test
    void absentOptionalFieldsAreLeftOut() {
        var body = new LoginContext("acme", "u-1", null, List.of(), List.of(), "8.8.8.8", null, "d", "saml", null).toJson();
        assertFalse(body.path("user").has("email"));
        assertFalse(body.has("user_agent"));
        assertTrue(body.path("user").path("enrolled_factors").isEmpty());
    }
}
