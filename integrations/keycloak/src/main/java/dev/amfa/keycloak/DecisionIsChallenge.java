package dev.amfa.keycloak;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * "amfa: decision is challenge": true when this login must pass a second factor. Without a verdict (the
 * evaluate step is missing before it, or disabled) it is true as well: a broken flow asks for more, never less.
 */
public final class DecisionIsChallenge extends AmfaCondition {
    private static final Logger LOG = Logger.getLogger(DecisionIsChallenge.class);
    static final DecisionIsChallenge SINGLETON = new DecisionIsChallenge();

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        String verdict = context.getAuthenticationSession().getAuthNote(Notes.VERDICT);
        if (verdict == null) {
            LOG.warnf("amfa: realm %s reached \"%s\" without a verdict: is \"%s\" before it in the flow? Asking for a second factor.",
                    context.getRealm().getName(), Factory.NAME, EvaluateLoginRiskFactory.NAME);
        }
        boolean challenge = verdict == null || "challenge".equals(verdict);
        // The login cannot finish without passing the sub-flow this condition opens: at LOGIN, MFA passed.
        if (challenge) context.getAuthenticationSession().setUserSessionNote(Notes.MFA, "passed");
        return challenge;
    }

    public static final class Factory extends ConditionFactory {
        public static final String ID = "amfa-condition-challenge";
        static final String NAME = "amfa: decision is challenge";

        public Factory() {
            super(ID, NAME, "True when amfa's decision (or the on-error setting) asks this login for a second factor.");
        }

        @Override
        public boolean isConfigurable() {
            return false;
        }

        @Override
        public List<ProviderConfigProperty> getConfigProperties() {
            return List.of();
        }

        @Override
        public ConditionalAuthenticator getSingleton() {
            return SINGLETON;
        }
    }
}
