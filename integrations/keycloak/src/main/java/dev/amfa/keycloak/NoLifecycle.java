package dev.amfa.keycloak;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;

/** The provider's factories keep no state: nothing to read from Keycloak's configuration, open or close. */
interface NoLifecycle<T extends Provider> extends ProviderFactory<T> {
    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}
