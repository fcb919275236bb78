package dev.amfa.keycloak;

import jakarta.ws.rs.core.Cookie;
import org.keycloak.authentication.AuthenticationFlowContext;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The {@code amfa_device} cookie: the browser's id for amfa's new-device signal. Random (nothing about the
 * user in it), HttpOnly (no script reads it), Secure when the login is over https, scoped to the realm's path,
 * kept a year. Set when absent, before amfa's answer is known, so even a refused first login has an id.
 */
final class DeviceCookie {
    static final String NAME = "amfa_device";
    private static final int MAX_AGE_SECONDS = 365 * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCookie() {
    }

    static String readOrSet(AuthenticationFlowContext context) {
        Cookie cookie = context.getHttpRequest().getHttpHeaders().getCookies().get(NAME);
        if (cookie != null && cookie.getValue().matches("[A-Za-z0-9_-]{16,64}")) return cookie.getValue();
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var uri = context.getUriInfo();
        String path = uri.getBaseUri().getPath() + (uri.getBaseUri().getPath().endsWith("/") ? "" : "/")
                + "realms/" + context.getRealm().getName() + "/";
        boolean https = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        context.getSession().getContext().getHttpResponse().addHeader("Set-Cookie", NAME + "=" + id + "; Path=" + path
                + "; Max-Age=" + MAX_AGE_SECONDS + "; HttpOnly; SameSite=Lax" + (https ? "; Secure" : ""));
        return id;
    }
}
