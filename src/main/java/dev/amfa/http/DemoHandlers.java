package dev.amfa.http;

import dev.amfa.Service;
import dev.amfa.callers.Caller;
import dev.amfa.challenges.ChallengeRefused;
import dev.amfa.challenges.CodeChecks;
import dev.amfa.demo.DemoUsers;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.evaluation.EvaluationJson;
import dev.amfa.evaluation.JsonFields;
import dev.amfa.evaluation.Outcome;
import dev.amfa.ip.IpAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.util.Base64;

/**
 * The backend of the /demo page: a login form's server, as an auth service would be. It checks the password,
 * evaluates the login with the service's own evaluator (the device cookie is the device id), starts the first
 * factor the decision allows that this service carries out, and verifies the code; the page shows the result
 * token's claims. The outbox lets a newcomer read the emailed code without a mail server.
 */
final class DemoHandlers {
    static final String DEVICE_COOKIE = "amfa_device";
    private static final int FIELD_LENGTH = 256;
    /** Messages the outbox panel shows. */
    private static final int SHOWN = 10;

    /** Password checks waiting or running at most; more answer 429. */
    static final int PASSWORD_CHECKS = 8;

    private final Vertx vertx;
    private final Service service;
    private final DemoUsers users;
    /** The demo's own challenges: its own outbox and signing key (see Challenges.Demo). */
    private final dev.amfa.challenges.Challenges.Demo challenges;
    /**
     * The demo page is public and PBKDF2 slow on purpose: one thread of its own, so a flood of logins cannot
     * take the worker pool that mail, policy compiles and dry runs need.
     */
    private final io.vertx.core.WorkerExecutor passwords;
    private final java.util.concurrent.atomic.AtomicInteger checking = new java.util.concurrent.atomic.AtomicInteger();

    DemoHandlers(Vertx vertx, Service service) {
        this.vertx = vertx;
        this.service = service;
        this.users = service.demo();
        this.challenges = service.challenges().demo();
        this.passwords = vertx.createSharedWorkerExecutor("amfa-demo-passwords", 1);
    }

    void login(RoutingContext ctx) {
        ChallengeHandlers.answer(ctx, body -> {
            JsonFields fields = new JsonFields(body, "");
            String username = fields.requiredString("username", FIELD_LENGTH);
            String password = fields.requiredString("password", FIELD_LENGTH);
            Cookie device = ctx.request().getCookie(DEVICE_COOKIE);
            JsonObject context = new JsonObject().put("ip", ip(ctx)).put("user_agent", ctx.request().getHeader("User-Agent"))
                    .put("device_id", device == null ? null : device.getValue());
            // PBKDF2 is slow on purpose: never on the event loop, and never many at once.
            if (checking.incrementAndGet() > PASSWORD_CHECKS) {
                checking.decrementAndGet();
                throw new ChallengeRefused(429, "too_many_requests", null, "too many sign-ins at once; try again shortly");
            }
            return passwords.executeBlocking(() -> users.authenticate(username, password), false)
                    .onComplete(done -> checking.decrementAndGet()).compose(user -> {
                if (user.isEmpty()) {
                    throw new ChallengeRefused(401, "invalid_credentials", null, "wrong username or password");
                }
                JsonObject request = new JsonObject().put("org", users.org()).put("flow", "form")
                        .put("user", new JsonObject().put("id", user.get().username()).put("email", user.get().email())
                                .put("enrolled_factors", new JsonArray(user.get().enrolledFactors())))
                        .put("ip", context.getString("ip")).put("user_agent", context.getString("user_agent"));
                if (context.getString("device_id") != null) request.put("device", new JsonObject().put("id", context.getString("device_id")));
                return service.evaluator().evaluate(service.parser().parse(request), Caller.DEMO_NAME).compose(this::next);
            });
        });
    }

    /** Allow: the login completes (its success is recorded); challenge: the first factor this service runs. */
    private Future<JsonObject> next(Evaluation evaluation) {
        JsonObject decision = EvaluationJson.of(evaluation, false);
        JsonObject answer = new JsonObject().put("action", decision.getString("action"))
                .put("evaluation", new JsonObject().put("evaluation_id", evaluation.id())
                        .put("confidence", decision.getString("confidence")).put("reasons", decision.getJsonArray("reasons"))
                        .put("assessments", decision.getJsonObject("assessments")));
        switch (decision.getString("action")) {
            case "allow":
                return service.outcomes().record(evaluation.id(), new Outcome(true, "not_required")).map(answer);
            case "challenge":
                String factor = decision.getJsonObject("mfa").getJsonArray("factors").stream().map(String::valueOf)
                        .filter(CodeChecks.SUPPORTED::contains).findFirst().orElse(null);
                if (factor == null) return Future.succeededFuture(answer.put("action", "deny"));
                return challenges.service().start(evaluation.id(), factor)
                        .map(started -> answer.put("challenge", ChallengeHandlers.started(started)));
            default:
                return Future.succeededFuture(answer);
        }
    }

    void verify(RoutingContext ctx) {
        ChallengeHandlers.answer(ctx, body -> {
            String id = new JsonFields(body, "").requiredString("challenge_id", FIELD_LENGTH);
            // Only the demo org's challenges: the demo is public, the challenge API is behind API keys.
            return challenges.service().verify(id, ChallengeHandlers.code(body), users.org()).map(verdict -> {
                JsonObject json = ChallengeHandlers.verdict(verdict);
                if (verdict.token() != null) json.put("claims", claims(verdict.token()));
                return json;
            });
        });
    }

    void resend(RoutingContext ctx) {
        ChallengeHandlers.answer(ctx, body -> challenges.service()
                .resend(new JsonFields(body, "").requiredString("challenge_id", FIELD_LENGTH), users.org())
                .map(ChallengeHandlers::started));
    }

    /**
     * The newest messages of the demo's own outbox: only codes the demo's challenges sent. The page is public;
     * the service's outbox (no SMTP server) also holds real challenges' codes, to demo addresses too.
     */
    void outbox(RoutingContext ctx) {
        JsonArray messages = new JsonArray();
        challenges.outbox().recent(SHOWN).forEach(m -> messages.add(new JsonObject().put("to", m.to())
                .put("subject", m.subject()).put("text", m.text()).put("at", m.at().toString())));
        ChallengeHandlers.json(ctx, new JsonObject().put("messages", messages));
    }

    /** The token's payload, for the page to show; the auth service would verify it with the JWKS instead. */
    private static JsonObject claims(String token) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
    }

    /** The browser's address; one on this machine or a private network stands as the demo's local_ip. */
    private String ip(RoutingContext ctx) {
        String remote = ctx.request().remoteAddress().hostAddress();
        InetAddress address = IpAddress.parse(remote);
        boolean local = address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress();
        return local && users.localIp() != null ? users.localIp() : remote;
    }
}
