package dev.amfa.keycloak;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * "amfa: factor allowed" (configured with one factor): true when its factor is the one amfa prefers for this
 * login among those the user has and the flow offers ({@link OfferedFactors}), so exactly one factor sub-flow
 * runs, in the decision's order of preference whatever the order of the sub-flows.
 */
public final class FactorAllowed extends AmfaCondition {
    static final String FACTOR = "factor";
    static final FactorAllowed SINGLETON = new FactorAllowed();

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        String factor = config == null ? null : config.getConfig().get(FACTOR);
        var auth = context.getAuthenticationSession();
        boolean chosen = chooses(factor, auth.getAuthNote(Notes.FACTORS));
        if (chosen) auth.setAuthNote(Notes.FACTOR_CHOSEN, factor);
        return chosen;
    }

    /** @param allowed the verdict's factors, comma-separated, preferred first */
    static boolean chooses(String factor, String allowed) {
        return factor != null && allowed != null && factor.equals(allowed.split(",")[0]);
    }

    public static final class Factory extends ConditionFactory {
        public static final String ID = "amfa-condition-factor";

        public Factory() {
            super(ID, "amfa: factor allowed",
                    "True when this is the factor amfa prefers for the login among those the user has and this flow offers.");
        }

        @Override
        public boolean isConfigurable() {
            return true;
        }

        @Override
        public List<ProviderConfigProperty> getConfigProperties() {
            return ProviderConfigurationBuilder.create()
                    .property().name(FACTOR).label("Factor").type(ProviderConfigProperty.LIST_TYPE).options(Factors.ALL)
                    .required(true).defaultValue(Factors.OTP)
                    .helpText("amfa's name of the factor this sub-flow runs: webauthn-platform (WebAuthn passwordless), "
                            + "webauthn-roaming (WebAuthn), otp (OTP form), recovery-code (recovery authentication code form).")
                    .add().build();
        }

        @Override
        public ConditionalAuthenticator getSingleton() {
            return SINGLETON;
        }
    }
}
