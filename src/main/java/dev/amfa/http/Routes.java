package dev.amfa.http;

import dev.amfa.Service;
import dev.amfa.callers.Caller;
import dev.amfa.console.ConsoleRoutes;
import dev.amfa.evaluation.Evaluator;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/** The HTTP API v1 on a router; JSON in, JSON out, errors included. */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    /** Uploaded policies (DRL, settings and tests) are larger than login contexts. */
    static final int ADMIN_BODY_LIMIT = 4 * 1024 * 1024;

    private Routes() {
    }

    /** The challenge API, the public keys of its results, and the demo (public: it is a login page). */
    private static void challenges(Vertx vertx, Router router, BodyHandler body, Service service) {
        ChallengeHandlers challenges = new ChallengeHandlers(service.challenges().service());
        router.post("/v1/challenges").handler(body).handler(challenges::start);
        router.post("/v1/challenges/:id/verify").handler(body).handler(challenges::verify);
        router.post("/v1/challenges/:id/resend").handler(challenges::resend);
        FactorHandlers factors = new FactorHandlers(service.challenges().enrolment());
        router.post("/v1/users/:id/factors/otp").handler(body).handler(factors::enrolTotp);
        router.post("/v1/users/:id/factors/otp/confirm").handler(body).handler(factors::confirmTotp);
        router.post("/v1/users/:id/factors/recovery-code").handler(body).handler(factors::regenerateRecoveryCodes);
        String jwks = service.challenges().tokens().jwks().encode();
        router.get("/.well-known/jwks.json").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .putHeader("cache-control", "max-age=300").end(jwks));
        if (service.demo() == null) return;
        DemoHandlers demo = new DemoHandlers(vertx, service);
        String page = DemoPage.html();
        router.get("/demo").handler(ctx -> ctx.response().putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("cache-control", "no-store").end(page));
        router.post("/demo/login").handler(body).handler(demo::login);
        router.post("/demo/verify").handler(body).handler(demo::verify);
        router.post("/demo/resend").handler(body).handler(demo::resend);
        router.get("/demo/outbox").handler(demo::outbox);
    }

    public static Router of(Vertx vertx, Service service) {
        Router router = Router.router(vertx);
        // A client that went away while its body was read (or that ConnectionGuard closed for being late) has
        // nobody to answer: not an error to log with a stack trace.
        router.route().failureHandler(ctx -> {
            if (!(ctx.failure() instanceof io.vertx.core.http.HttpClosedException)) ctx.next();
        });
        // No file uploads (BodyHandler.create() would write them to disk), and a hard size limit: before any async step.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(service.config().bodyLimit());
        router.route().handler(HttpFraming::refuseBadFraming);
        // On every path, not router.post(): a route for any POST would turn a GET of an unknown path into a 405.
        router.route().handler(new JsonContentType());
        CallerGuards.mount(router, service.config());
        router.post("/v1/evaluate").handler(body)
                .handler(new EvaluateHandler(service.parser(), service.evaluator(), service.security().metrics()::evaluated));
        router.post("/v1/evaluations/:id/outcome").handler(body)
                .handler(new OutcomeHandler(service.outcomes(), () -> service.security().metrics().storeError(Evaluator.EVALUATIONS)));

        challenges(vertx, router, body, service);

        BearerAuth admin = new BearerAuth(service.config().adminToken() == null ? Map.of()
                : Map.of(service.config().adminToken(), Caller.ADMIN), "admin token",
                "the admin API is disabled: start the service with --admin-token / AMFA_ADMIN_TOKEN");
        BodyHandler adminBody = BodyHandler.create(false).setBodyLimit(ADMIN_BODY_LIMIT);
        AdminPolicyHandlers policies = new AdminPolicyHandlers(vertx, service.policies(), service.decisions());
        router.route("/v1/admin/*").handler(admin);
        router.get("/v1/admin/policies").handler(policies::list);
        router.post("/v1/admin/policies/reload").handler(policies::reload);
        router.put("/v1/admin/policies/:org").handler(adminBody).handler(policies::put);
        router.post("/v1/admin/policies/:org/rollback").handler(policies::rollback);
        securityCenter(router, service, body, admin);
        router.get("/health").handler(new HealthHandler(service.status()));
        if (service.config().echo()) {
            // Benchmark baseline only: what the server costs without any of our work.
            router.post("/bench/echo").handler(body).handler(ctx -> ctx.response()
                    .putHeader("content-type", "application/json").end(ctx.body().buffer()));
        }
        router.errorHandler(404, ctx -> ApiErrors.send(ctx, 404, "not_found", null,
                "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> ApiErrors.send(ctx, 405, "method_not_allowed", null,
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> ApiErrors.send(ctx, 413, "payload_too_large", null,
                "the body is larger than " + service.config().bodyLimit() + " bytes"));
        router.errorHandler(400, ctx -> ApiErrors.send(ctx, 400, "invalid_request", null,
                "the request could not be read"));
        router.errorHandler(500, Routes::internalError);
        // BodyHandler fails a request whose stream broke (a chunk size that does not decode) with "status 200".
        router.errorHandler(200, Routes::internalError);
        return router;
    }

    /** A failure no handler answered: the client's (see {@link HttpFraming#clientFault}), else a bug (500, logged). */
    private static void internalError(io.vertx.ext.web.RoutingContext ctx) {
        if (HttpFraming.clientFault(ctx)) return;
        LOG.error("unhandled error on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
        ApiErrors.send(ctx, 500, "internal_error", null, "the service failed to answer; this is a bug");
    }

    /** Decision search, statistics, feedback, metrics and the console. */
    private static void securityCenter(Router router, Service service, BodyHandler body, BearerAuth admin) {
        Runnable logFailed = () -> service.security().metrics().storeError("decisions");
        DecisionHandlers decisions = new DecisionHandlers(service.decisions(), service.security().stats(), Clock.systemUTC(), logFailed);
        router.get("/v1/decisions").handler(admin).handler(decisions::search);
        router.get("/v1/decisions/:id").handler(admin).handler(decisions::one);
        router.get("/v1/stats").handler(admin).handler(decisions::stats);
        FeedbackHandlers feedback = new FeedbackHandlers(service.security().feedback(), logFailed);
        router.post("/v1/evaluations/:id/feedback").handler(body).handler(feedback::feedback);
        router.post("/v1/users/:id/risk/clear").handler(body).handler(feedback::clearRisk);
        router.delete("/v1/users/:id").handler(new ErasureHandler(service.erasure(),
                () -> service.security().metrics().storeError("erasure")));
        // Prometheus scrapes without credentials, as usual; the labels carry no user data.
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(service.security().metrics().scrape()));
        ConsoleRoutes.mount(router);
    }
}
