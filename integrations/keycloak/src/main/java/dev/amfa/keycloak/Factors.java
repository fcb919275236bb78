package dev.amfa.keycloak;

import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * amfa's names for the second factors Keycloak itself can run, and which of them a user has. Only these are
 * sent as enrolled: a factor Keycloak has no form for (amfa's email codes, push, SMS) could be chosen by amfa
 * and then never asked.
 */
public final class Factors {
    public static final String WEBAUTHN_PLATFORM = "webauthn-platform";
    public static final String WEBAUTHN_ROAMING = "webauthn-roaming";
    public static final String OTP = "otp";
    public static final String RECOVERY_CODE = "recovery-code";

    /** amfa factor → Keycloak credential type, strongest first (the order used when amfa cannot be asked). */
    static final Map<String, String> CREDENTIAL_TYPES = orderedMap(
            WEBAUTHN_PLATFORM, WebAuthnCredentialModel.TYPE_PASSWORDLESS,
            WEBAUTHN_ROAMING, WebAuthnCredentialModel.TYPE_TWOFACTOR,
            OTP, OTPCredentialModel.TYPE,
            RECOVERY_CODE, RecoveryAuthnCodesCredentialModel.TYPE);

    public static final List<String> ALL = List.copyOf(CREDENTIAL_TYPES.keySet());

    private Factors() {
    }

    /** The factors the user has set up in Keycloak (read only: nothing is written to the user). */
    static List<String> enrolled(UserModel user) {
        List<String> factors = new ArrayList<>();
        CREDENTIAL_TYPES.forEach((factor, type) -> {
            if (user.credentialManager().isConfiguredFor(type)) factors.add(factor);
        });
        return factors;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return java.util.Collections.unmodifiableMap(map);
    }
}
