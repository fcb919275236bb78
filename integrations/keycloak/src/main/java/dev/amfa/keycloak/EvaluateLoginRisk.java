package dev.amfa.keycloak;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "amfa: evaluate login risk": after the password, asks amfa about this login and keeps the verdict in the
 * authentication session, where the "amfa: decision is challenge" and "amfa: factor allowed" conditions read it.
 * Allow and challenge continue the flow (the conditional sub-flow runs Keycloak's own second-factor forms);
 * deny ends the login with Keycloak's error page and a LOGIN_ERROR event carrying amfa's reasons.
 */
public final class EvaluateLoginRisk implements Authenticator {
    private static final Logger LOG = Logger.getLogger(EvaluateLoginRisk.class);
    static final String REFUSED_MESSAGE = "Sign-in refused. If this was you, contact your administrator.";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        AmfaSettings settings = AmfaSettings.parse(config == null ? Map.of() : config.getConfig(), realm.getName());
        if (!settings.problems().isEmpty()) {
            LOG.errorf("amfa: the \"%s\" settings of realm %s are wrong: %s", EvaluateLoginRiskFactory.NAME,
                    realm.getName(), String.join("; ", settings.problems()));
            context.getEvent().detail("amfa_settings", String.join("; ", settings.problems()));
        }
        // Only the factors this flow can ask for count as enrolled: amfa then chooses among those, and a user
        // with none of them is the enrolment case.
        java.util.Set<String> offered = OfferedFactors.of(context);
        List<String> enrolled = Factors.enrolled(user).stream().filter(f -> offered.isEmpty() || offered.contains(f)).toList();
        AuthenticationSessionModel auth = context.getAuthenticationSession();
        LoginContext login = new LoginContext(settings.org(), user.getId(), user.getEmail(),
                user.getRealmRoleMappingsStream().map(RoleModel::getName).sorted().toList(), enrolled,
                context.getConnection().getRemoteAddr(),
                context.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent"),
                DeviceCookie.readOrSet(context), LoginContext.flowOf(auth.getProtocol()), auth.getClient().getClientId());

        LoginVerdict verdict;
        Decision decision = null;
        if (settings.unusable()) {
            verdict = LoginVerdict.onError(settings, enrolled);
        } else {
            try {
                decision = AmfaClient.evaluate(settings, login.toJson());
                verdict = LoginVerdict.of(decision, settings, enrolled);
            } catch (AmfaClient.Unavailable e) {
                LOG.warnf("amfa: %s; realm %s applies on_error=%s", e.getMessage(), realm.getName(),
                        AmfaSettings.optionName(settings.onError()));
                context.getEvent().detail("amfa_error", e.getMessage());
                verdict = LoginVerdict.onError(settings, enrolled);
            }
        }
        remember(auth, config, decision, verdict, login);
        act(context, verdict, decision, settings);
    }

    private static void remember(AuthenticationSessionModel auth, AuthenticatorConfigModel config, Decision decision,
                                 LoginVerdict verdict, LoginContext login) {
        if (config != null) {
            auth.setAuthNote(Notes.CONFIG, config.getId());
            auth.setUserSessionNote(Notes.CONFIG, config.getId());
        }
        if (decision != null) {
            auth.setAuthNote(Notes.EVALUATION_ID, decision.evaluationId());
            auth.setUserSessionNote(Notes.EVALUATION_ID, decision.evaluationId());
            auth.setAuthNote(Notes.REQUEST, login.toJson().toString());
        }
        auth.setAuthNote(Notes.VERDICT, verdict.kind().name().toLowerCase(Locale.ROOT));
        auth.setAuthNote(Notes.FACTORS, String.join(",", verdict.factors()));
    }

    private static void act(AuthenticationFlowContext context, LoginVerdict verdict, Decision decision, AmfaSettings settings) {
        if (decision != null) {
            context.getEvent().detail("amfa_evaluation_id", decision.evaluationId())
                    .detail("amfa_action", decision.action());
        }
        switch (verdict.kind()) {
            case ALLOW, CHALLENGE -> context.success();
            case ENROL -> {
                // The realm chose to let such a login set up its own OTP (first-time set-up on a trusted network).
                context.getAuthenticationSession().addRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP);
                context.success();
            }
            case ENROL_BY_EMAIL -> EnrolByEmail.send(context, settings);
            case DENY -> refuse(context, verdict.error(), decision);
        }
    }

    static void refuse(AuthenticationFlowContext context, String error, Decision decision) {
        if (decision != null) {
            context.getEvent().detail("amfa_reasons", String.join("; ", decision.reasons()))
                    .detail("amfa_codes", String.join(",", decision.codes()));
        }
        // the user, so the event is found under the user in the admin console (Keycloak does not set it here)
        context.getEvent().user(context.getUser()).error(error);
        Response page = context.form().setError(REFUSED_MESSAGE).createErrorPage(Response.Status.FORBIDDEN);
        context.failure(AuthenticationFlowError.ACCESS_DENIED, page);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // no form of its own
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // never writes to the user
    }

    @Override
    public void close() {
    }
}
