package dev.amfa.keycloak;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

public final class OutcomeReporterFactory implements EventListenerProviderFactory, NoLifecycle<EventListenerProvider> {
    public static final String ID = "amfa";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new OutcomeReporter(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
