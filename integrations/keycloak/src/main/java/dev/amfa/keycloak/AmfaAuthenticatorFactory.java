package dev.amfa.keycloak;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;

/**
 * What the three amfa steps' factories share: their names in the admin console, and that they are either
 * required or disabled (an optional risk check or condition would be one a login could skip) and never set up
 * anything for the user.
 */
abstract class AmfaAuthenticatorFactory implements AuthenticatorFactory, NoLifecycle<Authenticator> {
    private final String id;
    private final String displayType;
    private final String helpText;

    AmfaAuthenticatorFactory(String id, String displayType, String helpText) {
        this.id = id;
        this.displayType = displayType;
        this.helpText = helpText;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDisplayType() {
        return displayType;
    }

    @Override
    public String getHelpText() {
        return helpText;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }
}
