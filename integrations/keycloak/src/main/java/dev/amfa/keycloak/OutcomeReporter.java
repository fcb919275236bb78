package dev.amfa.keycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The event listener "amfa" (enable it in the realm's event listeners): reports each login's outcome to amfa
 * from Keycloak's events, so the next login from the same device is known. From the events and not from the
 * flow's last step, because required actions (setting up OTP, updating a password) run after that step and
 * can still end the login. Reports are sent after Keycloak's transaction, asynchronously: a slow or stopped
 * amfa never delays a login.
 *
 * <ul>
 * <li>{@code LOGIN}: success, with {@code mfa} {@code passed} when the second-factor sub-flow ran, else
 *     {@code not_required}, for the evaluation id kept in the user session.</li>
 * <li>{@code LOGIN_ERROR} during a login amfa evaluated (a wrong OTP code, amfa's own denial): failure, with
 *     {@code mfa} {@code failed} when it happened in the second-factor sub-flow. amfa takes one outcome per
 *     evaluation, so if the user then gets the code right, the successful login is evaluated once more (off the
 *     login path, with the factor it passed) and that evaluation is reported as a success: amfa's log shows
 *     the failure and the pass, and the device is learnt.</li>
 * </ul>
 */
public final class OutcomeReporter implements EventListenerProvider {
    private static final Logger LOG = Logger.getLogger(OutcomeReporter.class);
    private final KeycloakSession session;

    OutcomeReporter(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        try {
            if (event.getType() == EventType.LOGIN) onLogin(event);
            else if (event.getType() == EventType.LOGIN_ERROR) onLoginError(event);
        } catch (RuntimeException e) {
            // a report is never worth a failed login
            LOG.warnf("amfa: could not prepare the outcome report of a %s event: %s", event.getType(), e.toString());
        }
    }

    private void onLogin(Event event) {
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null || event.getSessionId() == null) return;
        UserSessionModel userSession = session.sessions().getUserSession(realm, event.getSessionId());
        if (userSession == null) return;
        AmfaSettings settings = settings(realm, userSession.getNote(Notes.CONFIG));
        if (settings == null) return;
        String mfa = "passed".equals(userSession.getNote(Notes.MFA)) ? "passed" : "not_required";
        String evaluationId = blankToNull(userSession.getNote(Notes.EVALUATION_ID));
        String failedRequest = blankToNull(userSession.getNote(Notes.REQUEST));
        if (evaluationId != null) {
            afterCommit(() -> report(settings, evaluationId, "success", mfa));
        } else if (failedRequest != null) {
            afterCommit(() -> reevaluateAndReport(settings, failedRequest, mfa));
        }
    }

    private void onLoginError(Event event) {
        AuthenticationSessionModel auth = authenticationSession(event);
        if (auth == null) {
            LOG.debugf("amfa: no authentication session with an evaluation for a LOGIN_ERROR (%s)", event.getError());
            return;
        }
        String evaluationId = auth.getAuthNote(Notes.EVALUATION_ID);
        AmfaSettings settings = settings(auth.getRealm(), auth.getAuthNote(Notes.CONFIG));
        if (evaluationId == null || settings == null) return;
        String mfa = "passed".equals(auth.getUserSessionNotes().get(Notes.MFA)) ? "failed" : "not_required";
        // This evaluation's outcome is taken; a later success in the same login is evaluated afresh.
        auth.removeAuthNote(Notes.EVALUATION_ID);
        auth.setUserSessionNote(Notes.EVALUATION_ID, "");
        String request = auth.getAuthNote(Notes.REQUEST);
        if (request != null) auth.setUserSessionNote(Notes.REQUEST, withFactor(request, auth.getAuthNote(Notes.FACTOR_CHOSEN)));
        afterCommit(() -> report(settings, evaluationId, "failure", mfa));
    }

    /**
     * The login's authentication session: the request's own when Keycloak has it in the context, else found
     * through the event's {@code code_id} (the root session) and client, as listeners may run outside it.
     */
    private AuthenticationSessionModel authenticationSession(Event event) {
        AuthenticationSessionModel current = session.getContext().getAuthenticationSession();
        if (current != null && current.getRealm().getId().equals(event.getRealmId())
                && current.getAuthNote(Notes.EVALUATION_ID) != null) {
            return current;
        }
        String codeId = event.getDetails() == null ? null : event.getDetails().get(Details.CODE_ID);
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (codeId == null || realm == null) return null;
        RootAuthenticationSessionModel root = session.authenticationSessions().getRootAuthenticationSession(realm, codeId);
        if (root == null) return null;
        return root.getAuthenticationSessions().values().stream()
                .filter(tab -> tab.getAuthNote(Notes.EVALUATION_ID) != null)
                .filter(tab -> event.getClientId() == null || event.getClientId().equals(tab.getClient().getClientId()))
                .findFirst().orElse(null);
    }

    private static CompletableFuture<?> report(AmfaSettings settings, String evaluationId, String result, String mfa) {
        return AmfaClient.reportOutcome(settings, evaluationId, result, mfa).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warnf("amfa: the %s of evaluation %s was not reported: %s", result, evaluationId, error.toString());
            } else if (response.statusCode() / 100 != 2) { // 200 recorded, 202 queued by amfa for a retry
                LOG.warnf("amfa: the %s of evaluation %s was not taken: %d %s", result, evaluationId,
                        response.statusCode(), AmfaClient.abbreviate(response.body()));
            } else {
                LOG.debugf("amfa: reported %s (mfa %s) of evaluation %s", result, mfa, evaluationId);
            }
        });
    }

    private static void reevaluateAndReport(AmfaSettings settings, String request, String mfa) {
        try {
            ObjectNode body = (ObjectNode) AmfaClient.JSON.readTree(request);
            AmfaClient.evaluateAsync(settings, body)
                    .thenCompose(decision -> report(settings, decision.evaluationId(), "success", mfa))
                    .exceptionally(error -> {
                        LOG.warnf("amfa: the success after a failed second factor was not reported: %s", error.toString());
                        return null;
                    });
        } catch (java.io.IOException | ClassCastException e) {
            LOG.warnf("amfa: the kept evaluate request is unreadable: %s", e.toString());
        }
    }

    /** The evaluate request with the factor the user is being asked for as this session's MFA, when known. */
    private static String withFactor(String request, String factor) {
        if (factor == null) return request;
        try {
            ObjectNode body = (ObjectNode) AmfaClient.JSON.readTree(request);
            body.putObject("mfa_session").putArray("factors").add(factor);
            return body.toString();
        } catch (java.io.IOException | ClassCastException e) {
            return request;
        }
    }

    /** The evaluate step's settings for the listener, or null (logged) when the step's configuration is gone. */
    private static AmfaSettings settings(RealmModel realm, String configId) {
        if (configId == null) return null;
        AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(configId);
        if (config == null) {
            LOG.warnf("amfa: realm %s: the evaluate step's configuration %s is gone; outcome not reported", realm.getName(), configId);
            return null;
        }
        AmfaSettings settings = AmfaSettings.parse(config.getConfig() == null ? Map.of() : config.getConfig(), realm.getName());
        return settings.unusable() ? null : settings;
    }

    private void afterCommit(Runnable task) {
        // Sent whether Keycloak commits or rolls back: the login happened (or failed) either way.
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                task.run();
            }

            @Override
            protected void rollbackImpl() {
                task.run();
            }
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
