package dev.amfa.http;

import dev.amfa.ServiceConfig;
import dev.amfa.ip.IpAddress;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may call the API the auth services use (evaluate, outcomes, challenges, factors, feedback, risk clearing,
 * erasure): with API keys configured, a key (and for what analysts also do, the admin token); without, only
 * this host. An unauthenticated service reachable from elsewhere would let anyone report a successful login
 * for their own device, or enrol a factor and mint an MFA result for somebody else.
 */
final class CallerGuards {
    private CallerGuards() {
    }

    /** Guards every caller route; registered before the routes' own handlers. */
    static void mount(Router router, ServiceConfig config) {
        List<String> keys = List.copyOf(config.apiKeys().values());
        List<String> keysOrAdmin = new ArrayList<>(keys);
        if (config.adminToken() != null) keysOrAdmin.add(config.adminToken());
        Handler<RoutingContext> services;
        Handler<RoutingContext> servicesOrAnalysts;
        if (keys.isEmpty()) {
            services = new LoopbackOnly(null);
            servicesOrAnalysts = new LoopbackOnly(config.adminToken() == null ? null
                    : new BearerAuth(List.of(config.adminToken()), "admin token", "no admin token is configured"));
        } else {
            // Each calling service's own key: an evaluation key can never change policy.
            services = new BearerAuth(keys, "api key", "no API key is configured");
            servicesOrAnalysts = new BearerAuth(keysOrAdmin, "api key or admin token", "no API key is configured");
        }
        router.post("/v1/evaluate").handler(services);
        router.post("/v1/evaluations/:id/outcome").handler(services);
        router.post("/v1/challenges").handler(services);
        router.post("/v1/challenges/*").handler(services);
        router.post("/v1/users/:id/factors/*").handler(services);
        // The calling services report their users' word; analysts (the console) use the admin token.
        router.post("/v1/evaluations/:id/feedback").handler(servicesOrAnalysts);
        router.post("/v1/users/:id/risk/clear").handler(servicesOrAnalysts);
        router.delete("/v1/users/:id").handler(servicesOrAnalysts);
    }

    /**
     * Lets requests from this host through; others go to the fallback (a credential check), or are refused.
     * From this host also means addressed to it: {@code Host} is a loopback name or address with the port the
     * request came in on, and {@code Origin}, when sent, is a loopback one. A web page open in a local browser
     * sends its own Origin; one that rebinds its DNS name to 127.0.0.1 still sends its own name as Host.
     */
    static final class LoopbackOnly implements Handler<RoutingContext> {
        private final Handler<RoutingContext> otherwise;

        LoopbackOnly(Handler<RoutingContext> otherwise) {
            this.otherwise = otherwise;
        }

        @Override
        public void handle(RoutingContext ctx) {
            boolean loopback = isLoopback(ctx.request().remoteAddress());
            String foreign = loopback ? foreignHeader(ctx) : null;
            if (loopback && foreign == null) {
                ctx.next();
            } else if (otherwise != null) {
                otherwise.handle(ctx);
            } else if (foreign != null) {
                ApiErrors.send(ctx, 403, "forbidden", foreign, "without API keys this API answers only requests "
                        + "addressed to this host (Host: localhost or a loopback address with the service's port) "
                        + "and from no web page but a local one (Origin absent or loopback)");
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
