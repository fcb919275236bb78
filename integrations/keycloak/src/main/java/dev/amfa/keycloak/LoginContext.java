package dev.amfa.keycloak;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What the provider tells amfa about one login, as the body of POST /v1/evaluate. No timestamp: amfa uses its
 * own clock (it refuses times in the future, and Keycloak's and amfa's clocks may differ).
 *
 * @param flow {@code authorization_code} for OpenID Connect logins, {@code saml} for SAML ones
 */
public record LoginContext(String org, String userId, String email, List<String> roles, List<String> factors,
                           String ip, String userAgent, String deviceId, String flow, String application) {

    public ObjectNode toJson() {
        ObjectNode body = AmfaClient.JSON.createObjectNode().put("org", org);
        ObjectNode user = body.putObject("user").put("id", userId);
        if (email != null) user.put("email", email);
        ArrayNode roleArray = user.putArray("roles");
        roles.forEach(roleArray::add);
        ArrayNode factorArray = user.putArray("enrolled_factors");
        factors.forEach(factorArray::add);
        body.put("ip", ip);
        if (userAgent != null) body.put("user_agent", userAgent);
        body.putObject("device").put("id", deviceId);
        body.put("flow", flow);
        if (application != null) body.put("application", application);
        return body;
    }

    public static String flowOf(String protocol) {
        return "saml".equals(protocol) ? "saml" : "authorization_code";
    }
}
