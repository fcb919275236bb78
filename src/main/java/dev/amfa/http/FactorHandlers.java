package dev.amfa.http;

import dev.amfa.challenges.ChallengeRefused;
import dev.amfa.challenges.Enrolment;
import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.evaluation.JsonFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /v1/users/{id}/factors/otp (enrol: the secret, its otpauth:// URI and QR code, ten recovery codes),
 * /v1/users/{id}/factors/otp/confirm (a first code) and /v1/users/{id}/factors/recovery-code (ten new codes).
 * Users are scoped by org: every body names it, and the caller must be allowed to act for it. Replacing a user's
 * confirmed factors takes the admin token or {@code challenge_id}, a passed challenge of the user ({@link Enrolment}).
 */
final class FactorHandlers {
    private final Enrolment enrolment;

    FactorHandlers(Enrolment enrolment) {
        this.enrolment = enrolment;
    }

    void enrolTotp(RoutingContext ctx) {
        ChallengeHandlers.answer(ctx, body -> {
            String org = org(ctx, body);
            String user = UserPath.userId(ctx);
            return enrolment.enrolTotp(org, user, CallerGuards.caller(ctx), proof(body)).map(e -> {
                ctx.response().setStatusCode(201);
                return new JsonObject().put("org", org).put("user_id", user).put("factor", "otp").put("confirmed", false)
                        .put("secret", e.secret()).put("otpauth_uri", e.otpauthUri()).put("qr_code", e.qrCode())
                        .put("recovery_codes", new JsonArray(e.recoveryCodes()));
            });
        });
    }

    void confirmTotp(RoutingContext ctx) {
        ChallengeHandlers.answer(ctx, body -> {
            String org = org(ctx, body);
            String code = ChallengeHandlers.code(body);
            return enrolment.confirmTotp(org, UserPath.userId(ctx), code).map(confirmed -> {
                // Unknown user and wrong code answer alike: the caller learns nothing about enrolments.
                if (!confirmed) throw new ChallengeRefused(422, "invalid_code", "code", "the code is not valid for this enrolment");
                return new JsonObject().put("org", org).put("user_id", UserPath.userId(ctx)).put("factor", "otp").put("confirmed", true);
            });
        });
    }

    void regenerateRecoveryCodes(RoutingContext ctx) {
        ChallengeHandlers.answer(ctx, body -> {
            String org = org(ctx, body);
            return enrolment.regenerateRecoveryCodes(org, UserPath.userId(ctx), CallerGuards.caller(ctx), proof(body)).map(codes -> {
                ctx.response().setStatusCode(201);
                return new JsonObject().put("org", org).put("user_id", UserPath.userId(ctx)).put("factor", "recovery-code")
                        .put("recovery_codes", new JsonArray(codes));
            });
        });
    }

    private static String org(RoutingContext ctx, JsonObject body) {
        return CallerGuards.requireOrg(ctx, "org", new JsonFields(body, "").requiredOrg());
    }

    /** The passed challenge that lets a calling service replace confirmed factors, or null. */
    private static String proof(JsonObject body) {
        return new JsonFields(body, "").optionalString("challenge_id", EvaluationRequestParser.ID_LENGTH);
    }

}
