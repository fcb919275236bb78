package dev.amfa.http;

import dev.amfa.decisions.DecisionLog;
import dev.amfa.decisions.Replay;
import dev.amfa.engine.OrgName;
import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.policy.OrgPolicy;
import dev.amfa.policy.PolicyBuilder;
import dev.amfa.policy.lint.PolicyLint;
import dev.amfa.policy.PolicyPublisher;
import dev.amfa.policy.PolicyRegistry;
import dev.amfa.policy.PolicyRejectedException;
import dev.amfa.policy.PolicySources;
import dev.amfa.policy.ReloadReport;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * /v1/admin/policies: what is in force, reloads, uploads (with dry runs replayed against recent decisions),
 * rollbacks. Compiling runs on a worker thread; the registry serialises changes.
 */
final class AdminPolicyHandlers {
    /** Decisions a dry run replays by default, and at most (fewer when the decision log keeps fewer). */
    static final int REPLAY_DEFAULT = 1_000;
    static final int REPLAY_MAX = 10_000;

    private final Vertx vertx;
    private final PolicyRegistry registry;
    private final DecisionLog decisions;

    AdminPolicyHandlers(Vertx vertx, PolicyRegistry registry, DecisionLog decisions) {
        this.vertx = vertx;
        this.registry = registry;
        this.decisions = decisions;
    }

    void list(RoutingContext ctx) {
        vertx.executeBlocking(registry::status).onSuccess(status -> json(ctx, 200, status));
    }

    void reload(RoutingContext ctx) {
        vertx.executeBlocking(registry::reloadFromDisk).onComplete(done -> {
            if (done.failed()) {
                ApiErrors.send(ctx, 500, "reload_failed", null, done.cause().toString());
                return;
            }
            ReloadReport report = done.result();
            json(ctx, report.hasRejections() ? 422 : 200, report.toJson());
        });
    }

    void put(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        if (!OrgName.isValid(org)) {
            ApiErrors.send(ctx, 400, "invalid_request", "org", "must be " + OrgName.rule());
            return;
        }
        boolean dryRun = "true".equals(ctx.request().getParam("dry_run"));
        PolicySources sources;
        int replay;
        try {
            sources = PolicyUploads.parse(org, JsonBodies.object(ctx));
            replay = replayCount(ctx.request().getParam("replay"));
        } catch (InvalidInputException e) {
            ApiErrors.send(ctx, 400, "invalid_request", e.field(), e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> {
            OrgPolicy candidate = registry.upload(sources, !dryRun);
            JsonObject answer = new JsonObject().put("org", org).put("version", candidate.version())
                    .put("dry_run", dryRun).put("tests_passed", candidate.tests().size())
                    .put("warnings", warnings(candidate));
            if (dryRun) {
                var effective = PolicyBuilder.effective(candidate, registry.current().baseline());
                answer.put("replay", Replay.run(effective, decisions.recent(org, replay)));
            }
            return answer;
        }).onComplete(done -> {
            if (done.succeeded()) {
                json(ctx, 200, done.result());
            } else if (done.cause() instanceof PolicyRejectedException rejected) {
                rejected(ctx, rejected);
            } else if (done.cause() instanceof PolicyPublisher.PolicyNotSharedException notShared) {
                notShared(ctx, notShared);
            } else {
                ApiErrors.send(ctx, 500, "upload_failed", null, done.cause().toString());
            }
        });
    }

    /** What amfa check would warn about (errors rejected the upload already): a few ms of parsing. */
    private JsonArray warnings(OrgPolicy policy) {
        JsonArray warnings = new JsonArray();
        PolicyLint.check(policy.sources(), policy.settings(), registry.current().baseline().rules().ruleFiles().keySet())
                .forEach(finding -> warnings.add(finding.toJson()));
        return warnings;
    }

    void rollback(RoutingContext ctx) {
        String org = ctx.pathParam("org");
        if (!OrgName.isValid(org)) {
            ApiErrors.send(ctx, 400, "invalid_request", "org", "must be " + OrgName.rule());
            return;
        }
        vertx.executeBlocking(() -> registry.rollback(org)).onComplete(done -> {
            if (done.succeeded()) {
                json(ctx, 200, new JsonObject().put("org", org).put("version", done.result().version()));
            } else if (done.cause() instanceof IllegalStateException none) {
                ApiErrors.send(ctx, 409, "conflict", "org", none.getMessage());
            } else if (done.cause() instanceof PolicyRejectedException rejected) {
                rejected(ctx, rejected);
            } else if (done.cause() instanceof PolicyPublisher.PolicyNotSharedException notShared) {
                notShared(ctx, notShared);
            } else {
                ApiErrors.send(ctx, 500, "rollback_failed", null, done.cause().toString());
            }
        });
    }

    private static int replayCount(String text) {
        if (text == null) return REPLAY_DEFAULT;
        try {
            int count = Integer.parseInt(text);
            if (count >= 0 && count <= REPLAY_MAX) return count;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException("replay", "must be a whole number from 0 to " + REPLAY_MAX);
    }

    /** The change could not be kept for the other nodes, so it was not made: the caller may retry. */
    private static void notShared(RoutingContext ctx, PolicyPublisher.PolicyNotSharedException e) {
        ApiErrors.send(ctx, 503, "policy_store_unavailable", null, e.getMessage() + "; the running version stays");
    }

    private static void rejected(RoutingContext ctx, PolicyRejectedException e) {
        JsonObject body = e.toJson().put("error", "policy_rejected").put("field", null)
                .put("message", "the policy was not activated: " + e.errors().size() + " errors, "
                        + e.failedTests().size() + " failed tests");
        json(ctx, 422, body);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
