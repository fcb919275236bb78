package dev.amfa.keycloak;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The factors this login's flow has an "amfa: factor allowed" sub-flow for. A factor the user has but the flow
 * cannot ask for must not be offered: amfa could prefer it, no sub-flow would match, and the login would pass
 * without any second factor. Empty when the flow has no such conditions (it runs one form after
 * "amfa: decision is challenge" and decides itself).
 */
final class OfferedFactors {
    private OfferedFactors() {
    }

    static Set<String> of(AuthenticationFlowContext context) {
        Set<String> offered = new LinkedHashSet<>();
        collect(context, context.getTopLevelFlow().getId(), offered, 0);
        return offered;
    }

    private static void collect(AuthenticationFlowContext context, String flowId, Set<String> offered, int depth) {
        if (depth > 10) return; // flows cannot nest in cycles, but a corrupt import should not loop
        context.getRealm().getAuthenticationExecutionsStream(flowId).forEach(execution -> {
            if (execution.getRequirement() == AuthenticationExecutionModel.Requirement.DISABLED) return;
            if (execution.isAuthenticatorFlow()) {
                collect(context, execution.getFlowId(), offered, depth + 1);
            } else if (FactorAllowed.Factory.ID.equals(execution.getAuthenticator()) && execution.getAuthenticatorConfig() != null) {
                AuthenticatorConfigModel config = context.getRealm().getAuthenticatorConfigById(execution.getAuthenticatorConfig());
                String factor = config == null || config.getConfig() == null ? null : config.getConfig().get(FactorAllowed.FACTOR);
                if (factor != null) offered.add(factor);
            }
        });
    }
}
