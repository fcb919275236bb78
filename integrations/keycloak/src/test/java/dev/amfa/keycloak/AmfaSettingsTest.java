package dev.amfa.keycloak;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmfaSettingsTest {

    @Test
    void defaultsAreTheSafeOnes() {
        AmfaSettings settings = AmfaSettings.parse(Map.of(AmfaSettings.BASE_URL, "http://amfa:8080/"), "acme");
        assertEquals("http://amfa:8080", settings.baseUrl().toString());
        assertEquals("acme", settings.org(), "the org defaults to the realm's name");
        assertEquals(Duration.ofSeconds(1), settings.timeout());
        assertEquals(AmfaSettings.OnError.CHALLENGE, settings.onError());
        assertEquals(AmfaSettings.EnrolPolicy.DENY, settings.enrol());
        assertNull(settings.apiKey());
        assertTrue(settings.problems().isEmpty(), settings.problems().toString());
    }

    @Test
    void everySettingIsRead() {
        AmfaSettings settings = AmfaSettings.parse(Map.of(AmfaSettings.BASE_URL, "https://amfa.internal",
                AmfaSettings.API_KEY, "k-123", AmfaSettings.ORG, "bank", AmfaSettings.TIMEOUT_MS, "250",
                AmfaSettings.ON_ERROR, "allow", AmfaSettings.ENROL, "require-email-verification"), "acme");
        assertEquals("k-123", settings.apiKey());
        assertEquals("bank", settings.org());
        assertEquals(Duration.ofMillis(250), settings.timeout());
        assertEquals(AmfaSettings.OnError.ALLOW, settings.onError());
        assertEquals(AmfaSettings.EnrolPolicy.REQUIRE_EMAIL_VERIFICATION, settings.enrol());
        assertTrue(settings.problems().isEmpty());
    }

    @Test
    void aBadValueIsNamedAndFallsBackToTheSafeDefault() {
        AmfaSettings settings = AmfaSettings.parse(Map.of(AmfaSettings.BASE_URL, "amfa:8080",
                AmfaSettings.TIMEOUT_MS, "1s", AmfaSettings.ON_ERROR, "alow", AmfaSettings.ENROL, "yes",
                AmfaSettings.API_KEY, "has space"), "acme");
        assertTrue(settings.unusable(), "no scheme: not an address amfa can be asked at");
        assertEquals(Duration.ofSeconds(1), settings.timeout());
        assertEquals(AmfaSettings.OnError.CHALLENGE, settings.onError(), "a typo never loosens a login");
        assertEquals(AmfaSettings.EnrolPolicy.DENY, settings.enrol());
        assertNull(settings.apiKey());
        String problems = String.join("\n", settings.problems());
        for (String field : new String[]{"base_url", "timeout_ms", "on_error", "enrol", "api_key"}) {
            assertTrue(problems.contains(field + ":"), problems);
        }
        assertTrue(problems.contains("(got alow); using challenge"), problems);
    }

    @Test
    void aMissingBaseUrlMakesTheSettingsUnusable() {
        AmfaSettings settings = AmfaSettings.parse(Map.of(), "acme");
        assertTrue(settings.unusable());
        assertTrue(settings.problems().get(0).startsWith("base_url: missing"));
    }

    @Test
    void timeoutsOutsideTheRangeAreRefused() {
        assertEquals(1, AmfaSettings.parse(Map.of(AmfaSettings.BASE_URL, "http://a", AmfaSettings.TIMEOUT_MS, "0"), "r").problems().size());
        assertEquals(1, AmfaSettings.parse(Map.of(AmfaSettings.BASE_URL, "http://a", AmfaSettings.TIMEOUT_MS, "30001"), "r").problems().size());
        assertEquals(Duration.ofMillis(30_000), AmfaSettings.parse(Map.of(AmfaSettings.BASE_URL, "http://a", AmfaSettings.TIMEOUT_MS, "30000"), "r").timeout());
    }
}
