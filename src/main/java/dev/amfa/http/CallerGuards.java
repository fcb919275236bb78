package dev.amfa.http;

import dev.amfa.ServiceConfig;
import dev.amfa.callers.ApiKey;
import dev.amfa.callers.Caller;
import dev.amfa.callers.Forbidden;
import dev.amfa.ip.IpAddress;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may call the API the auth services use (evaluate, outcomes, challenges, factors, feedback, risk clearing,
 * erasure): with API keys configured, a key (and for what analysts also do, the admin token); without, only
 * this host. An unauthenticated service reachable from elsewhere would let anyone report a successful login
 * for their own device, or enrol a factor and mint an MFA result for somebody else. The guard puts the
 * {@link Caller} on the request; the handlers hold it to its orgs and to what it created.
 */
final class CallerGuards {
    static final String CALLER = "amfa.caller";
    /** Acts for no org and owns nothing: what a handler sees if a route were ever mounted without its guard. */
    private static final Caller NOBODY = Caller.service("nobody", Set.of());

    private CallerGuards() {
    }

    /** Guards every caller route; registered before the routes' own handlers. */
    static void mount(Router router, ServiceConfig config) {
        Map<String, Caller> keys = new LinkedHashMap<>();
        for (ApiKey key : config.apiKeys()) keys.put(key.secret(), key.caller());
        Map<String, Caller> keysOrAdmin = new LinkedHashMap<>(keys);
        if (config.adminToken() != null) keysOrAdmin.put(config.adminToken(), Caller.ADMIN);
        Handler<RoutingContext> services;
        Handler<RoutingContext> servicesOrAnalysts;
        if (keys.isEmpty()) {
            services = new LoopbackOnly(null);
            servicesOrAnalysts = new LoopbackOnly(config.adminToken() == null ? null
                    : new BearerAuth(Map.of(config.adminToken(), Caller.ADMIN), "admin token", "no admin token is configured"));
        } else {
            // Each calling service's own key: an evaluation key can never change policy.
            services = new BearerAuth(keys, "api key", "no API key is configured");
            servicesOrAnalysts = new BearerAuth(keysOrAdmin, "api key or admin token", "no API key is configured");
        }
        router.post("/v1/evaluate").handler(services);
        router.post("/v1/challenges").handler(services);
        // What an evaluation or challenge leads to: its creator reports it, or an analyst (the admin token).
        router.post("/v1/evaluations/:id/outcome").handler(servicesOrAnalysts);
        router.post("/v1/challenges/*").handler(servicesOrAnalysts);
        // The admin token may replace a user's confirmed factors (a lost phone); a key needs a passed challenge.
        router.post("/v1/users/:id/factors/*").handler(servicesOrAnalysts);
        // The calling services report their users' word; analysts (the console) use the admin token.
        router.post("/v1/evaluations/:id/feedback").handler(servicesOrAnalysts);
        router.post("/v1/users/:id/risk/clear").handler(servicesOrAnalysts);
        router.delete("/v1/users/:id").handler(servicesOrAnalysts);
    }

    /** The caller the guard let through. */
    static Caller caller(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        return caller == null ? NOBODY : caller;
    }

    /**
     * Answers 403 naming the org when the caller may not act for it; org names are not secret (they are in
     * every key's configuration), so saying so leaks nothing.
     *
     * @return true when the request may go on
     */
    static boolean mayActFor(RoutingContext ctx, String field, String org) {
        try {
            requireOrg(ctx, field, org);
            return true;
        } catch (Forbidden e) {
            forbidden(ctx, e);
            return false;
        }
    }

    /** @throws Forbidden when the caller may not act for the org */
    static String requireOrg(RoutingContext ctx, String field, String org) {
        if (!caller(ctx).mayActFor(org)) throw new Forbidden(field, org);
        return org;
    }

    static void forbidden(RoutingContext ctx, Forbidden e) {
        ApiErrors.send(ctx, 403, "forbidden", e.field(), e.getMessage());
    }

    /**
     * Lets requests from this host through; others go to the fallback (a credential check), or are refused.
     * From this host also means addressed to it: {@code Host} is a loopback name or address with the port the
     * request came in on, and {@code Origin}, when sent, is a loopback one. A web page open in a local browser
     * sends its own Origin; one that rebinds its DNS name to 127.0.0.1 still sends its own name as Host.
     */
    static final class LoopbackOnly implements Handler<RoutingContext> {
        private final BearerAuth admin;

        LoopbackOnly(BearerAuth admin) {
            this.admin = admin;
        }

        @Override
        public void handle(RoutingContext ctx) {
            if (admin != null && admin.match(ctx.request().getHeader("Authorization")) != null) {
                ctx.put(CALLER, Caller.ADMIN);
                ctx.next();
            } else if (isLoopback(ctx.request().remoteAddress()) && foreignHeader(ctx) == null) {
                ctx.put(CALLER, Caller.LOOPBACK);
                ctx.next();
            } else if (isLoopback(ctx.request().remoteAddress())) {
                // From this machine but addressed elsewhere or sent by a foreign page: say which header.
                ApiErrors.send(ctx, 403, "forbidden", foreignHeader(ctx), "without API keys this API answers only requests "
                        + "addressed to this host (Host: localhost or a loopback address with the service's port) "
                        + "and from no web page but a local one (Origin absent or loopback)");
            } else if (admin != null) {
                admin.handle(ctx);
            } else {
                ApiErrors.send(ctx, 401, "unauthorized", null, "without API keys this API answers only this host: "
                        + "start the service with --api-keys / AMFA_API_KEYS to call it from elsewhere");
            }
        }

        /** "Host" or "Origin" when that header names another host (or port), else null. */
        private static String foreignHeader(RoutingContext ctx) {
            String host = ctx.request().getHeader("Host");
            int port = ctx.request().localAddress() == null ? -1 : ctx.request().localAddress().port();
            if (host == null || !LoopbackNames.isLoopbackAuthority(host, port)) return "Host";
            String origin = ctx.request().getHeader("Origin");
            if (origin != null && !LoopbackNames.isLoopbackOrigin(origin)) return "Origin";
            return null;
        }

        private static boolean isLoopback(SocketAddress remote) {
            if (remote == null || remote.hostAddress() == null) return false;
            try {
                return IpAddress.parse(remote.hostAddress()).isLoopbackAddress();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
