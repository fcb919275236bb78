package dev.amfa.keycloak;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginVerdictTest {
    private static AmfaSettings settings(String onError, String enrol) {
        return AmfaSettings.parse(Map.of(AmfaSettings.BASE_URL, "http://amfa", AmfaSettings.ON_ERROR, onError,
                AmfaSettings.ENROL, enrol), "acme");
    }

    private static Decision decision(String action, String... factors) {
        return new Decision("e1", action, List.of(factors), false, List.of(), List.of());
    }

    @Test
    void amfasActionDecides() {
        AmfaSettings settings = settings("challenge", "deny");
        assertEquals(LoginVerdict.Kind.ALLOW, LoginVerdict.of(decision("allow"), settings, List.of("otp")).kind());
        LoginVerdict deny = LoginVerdict.of(decision("deny"), settings, List.of("otp"));
        assertEquals(LoginVerdict.Kind.DENY, deny.kind());
        assertEquals(LoginVerdict.DENIED, deny.error());
    }

    @Test
    void aChallengeOffersTheDecisionsFactorsTheUserHasInTheDecisionsOrder() {
        LoginVerdict verdict = LoginVerdict.of(decision("challenge", "webauthn-roaming", "otp", "email"),
                settings("challenge", "deny"), List.of("otp", "webauthn-roaming", "recovery-code"));
        assertEquals(LoginVerdict.Kind.CHALLENGE, verdict.kind());
        assertEquals(List.of("webauthn-roaming", "otp"), verdict.factors());
    }

    @Test
    void aChallengeTheUserHasNoFactorForFollowsTheEnrolmentPolicy() {
        Decision onlyEmail = decision("challenge", "email");
        assertEquals(LoginVerdict.NO_FACTOR, LoginVerdict.of(onlyEmail, settings("challenge", "deny"), List.of("otp")).error());
        assertEquals(LoginVerdict.Kind.ENROL_BY_EMAIL,
                LoginVerdict.of(onlyEmail, settings("challenge", "require-email-verification"), List.of()).kind());
        assertEquals(LoginVerdict.Kind.ENROL, LoginVerdict.of(onlyEmail, settings("challenge", "allow"), List.of()).kind());
    }

    @Test
    void withoutAmfaTheOnErrorSettingDecides() {
        assertEquals(LoginVerdict.Kind.ALLOW, LoginVerdict.onError(settings("allow", "deny"), List.of()).kind());
        LoginVerdict deny = LoginVerdict.onError(settings("deny", "deny"), List.of("otp"));
        assertEquals(LoginVerdict.UNAVAILABLE, deny.error());
        LoginVerdict challenge = LoginVerdict.onError(settings("challenge", "deny"), List.of("otp", "webauthn-platform"));
        assertEquals(LoginVerdict.Kind.CHALLENGE, challenge.kind());
        assertEquals(List.of("webauthn-platform", "otp"), challenge.factors(), "strongest first");
        assertEquals(LoginVerdict.NO_FACTOR, LoginVerdict.onError(settings("challenge", "deny"), List.of()).error(),
                "amfa down never lets a user without a factor in on the password alone");
    }
}
