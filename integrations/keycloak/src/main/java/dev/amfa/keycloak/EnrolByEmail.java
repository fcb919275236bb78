package dev.amfa.keycloak;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code enrol = require-email-verification}: the password alone does not set up a second factor; Keycloak's
 * own "execute actions" email sends the user a link (an action token, the realm's lifespan for it) that runs the
 * Configure OTP action, and this login ends with a page saying so. Keycloak's verify-email action is not used
 * because it does nothing for a user whose address is already verified, which is every user an attacker with
 * a stolen password would target.
 */
final class EnrolByEmail {
    private static final Logger LOG = Logger.getLogger(EnrolByEmail.class);
    static final String SENT_MESSAGE = "To finish signing in, set up a second factor with the link we emailed you.";

    private EnrolByEmail() {
    }

    static void send(AuthenticationFlowContext context, AmfaSettings settings) {
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        if (user.getEmail() == null || !user.isEmailVerified()) {
            // No proven address to send the link to: nothing but the password would stand behind the set-up.
            EvaluateLoginRisk.refuse(context, LoginVerdict.NO_FACTOR, null);
            return;
        }
        int lifespan = realm.getActionTokenGeneratedByUserLifespan(ExecuteActionsActionToken.TOKEN_TYPE);
        String clientId = context.getAuthenticationSession().getClient().getClientId();
        ExecuteActionsActionToken token = new ExecuteActionsActionToken(user.getId(), user.getEmail(),
                Time.currentTime() + lifespan, List.of(UserModel.RequiredAction.CONFIGURE_TOTP.name()), null, clientId);
        String link = LoginActionsService.actionTokenProcessor(context.getUriInfo())
                .queryParam("key", token.serialize(context.getSession(), realm, context.getUriInfo()))
                .build(realm.getName()).toString();
        try {
            context.getSession().getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .sendExecuteActions(link, TimeUnit.SECONDS.toMinutes(lifespan));
        } catch (EmailException e) {
            LOG.errorf("amfa: realm %s could not email %s the second-factor set-up link: %s", realm.getName(),
                    user.getId(), e.getMessage());
            EvaluateLoginRisk.refuse(context, LoginVerdict.NO_FACTOR, null);
            return;
        }
        context.getEvent().detail("amfa_enrol", "link_emailed").error(LoginVerdict.NO_FACTOR);
        Response page = context.form().setInfo(SENT_MESSAGE).createInfoPage();
        context.failure(AuthenticationFlowError.CREDENTIAL_SETUP_REQUIRED, page);
    }
}
