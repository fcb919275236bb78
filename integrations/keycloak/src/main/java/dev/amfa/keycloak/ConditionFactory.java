package dev.amfa.keycloak;

import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;

/** A factory of one of the amfa conditions: Keycloak's conditional category, one shared instance. */
abstract class ConditionFactory extends AmfaAuthenticatorFactory implements ConditionalAuthenticatorFactory {
    ConditionFactory(String id, String displayType, String helpText) {
        super(id, displayType, helpText);
    }
}
