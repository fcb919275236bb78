package dev.amfa.keycloak;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

public final class EvaluateLoginRiskFactory extends AmfaAuthenticatorFactory {
    public static final String ID = "amfa-evaluate";
    public static final String NAME = "amfa: evaluate login risk";
    private static final EvaluateLoginRisk SINGLETON = new EvaluateLoginRisk();

    public EvaluateLoginRiskFactory() {
        super(ID, NAME, "Asks amfa whether this login is allowed, needs a second factor or is refused. Place it after the "
                + "password step; follow it with a conditional sub-flow gated by \"amfa: decision is challenge\".");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(AmfaSettings.BASE_URL).label("amfa base URL").type(ProviderConfigProperty.STRING_TYPE)
                .required(true)
                .helpText("amfa's address as Keycloak reaches it, e.g. http://amfa:8080. Missing or malformed: every "
                        + "login gets the on-error behaviour and the server log says why.").add()
                .property().name(AmfaSettings.API_KEY).label("API key").type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("One of amfa's --api-keys, sent as Authorization: Bearer. Required unless amfa runs on this host "
                        + "without keys. A wrong key shows as 'answered 401' in the server log.").add()
                .property().name(AmfaSettings.ORG).label("Organisation").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("amfa's org for this realm's logins (its policy). Empty: the realm's name.").add()
                .property().name(AmfaSettings.TIMEOUT_MS).label("Timeout (ms)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(AmfaSettings.DEFAULT_TIMEOUT.toMillis()))
                .helpText("How long a login waits for amfa's decision (1 to 30000) before the on-error behaviour applies.").add()
                .property().name(AmfaSettings.ON_ERROR).label("When amfa cannot decide")
                .type(ProviderConfigProperty.LIST_TYPE).options(AmfaSettings.optionNames(AmfaSettings.OnError.class))
                .defaultValue("challenge")
                .helpText("amfa unreachable, slow, answering 5xx or misconfigured: challenge (ask for a second factor), "
                        + "deny, or allow (only where availability matters more than the second factor).").add()
                .property().name(AmfaSettings.ENROL).label("User without a second factor")
                .type(ProviderConfigProperty.LIST_TYPE).options(AmfaSettings.optionNames(AmfaSettings.EnrolPolicy.class))
                .defaultValue("deny")
                .helpText("amfa asks for a second factor and the user has none: deny; require-email-verification "
                        + "(a set-up link is emailed, this login ends); or allow (this login sets up OTP with the "
                        + "password alone: only for first-time set-up on trusted networks).").add()
                .build();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getReferenceCategory() {
        return "amfa";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

}
