package dev.amfa.http;

import dev.amfa.challenges.ChallengeRefused;
import dev.amfa.challenges.Enrolment;
import dev.amfa.evaluation.JsonFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /v1/users/{id}/factors/otp (enrol: the secret, its otpauth:// URI and QR code, ten recovery codes),
 * /v1/users/{id}/factors/otp/confirm (a first code) and /v1/users/{id}/factors/recovery-code (ten new codes).
 * Users are scoped by org: every body names it.
 */
final class FactorHandlers {
    private final Enrolment enrolment;

    FactorHandlers(Enrolment enrolment) {
        this.enrolment = enrolment;
    }

    void enrolTotp(RoutingContext ctx) {
        ChallengeHandlers.answer(ctx, body -> {
            String org = org(body);
            String user = UserPath.userId(ctx);
            return enrolment.enrolTotp(org, user).map(e -> {
                ctx.response().setStatusCode(201);
                return new JsonObject().put("org", org).put("user_id", user).put("factor", "otp").put("confirmed", false)
                        .put("secret", e.secret()).put("otpauth_uri", e.otpauthUri()).put("qr_code", e.qrCode())
                        .put("recovery_codes", new JsonArray(e.recoveryCodes()));
            });
        });
    }

    void confirmTotp(RoutingContext ctx) {
        ChallengeHandlers.answer(ctx, body -> {
            String org = org(body);
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
            String org = org(body);
            return enrolment.regenerateRecoveryCodes(org, UserPath.userId(ctx)).map(codes -> {
                ctx.response().setStatusCode(201);
                return new JsonObject().put("org", org).put("user_id", UserPath.userId(ctx)).put("factor", "recovery-code")
                        .put("recovery_codes", new JsonArray(codes));
            });
        });
    }

    private static String org(JsonObject body) {
        return new JsonFields(body, "").requiredOrg();
    }

}
