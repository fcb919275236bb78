package dev.amfa.http;

import dev.amfa.callers.Caller;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * Lets a request through only with {@code Authorization: Bearer <one of the accepted secrets>}. Secrets are
 * compared as SHA-256 digests with MessageDigest.isEqual, and every accepted secret is compared, so the time
 * taken says nothing about how much of a guess was right, nor which secret came close. The caller the matching
 * secret belongs to is put on the request for the handlers ({@link CallerGuards#caller}).
 */
final class BearerAuth implements Handler<RoutingContext> {
    private static final String PREFIX = "Bearer ";

    private final List<Map.Entry<byte[], Caller>> accepted;
    private final String realm;
    private final String disabledMessage;

    /**
     * @param disabledMessage the answer when no secret is configured: such an API refuses every request
     */
    BearerAuth(Map<String, Caller> secrets, String realm, String disabledMessage) {
        this.accepted = secrets.entrySet().stream().map(e -> Map.entry(digest(e.getKey()), e.getValue())).toList();
        this.realm = realm;
        this.disabledMessage = disabledMessage;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (accepted.isEmpty()) {
            unauthorized(ctx, disabledMessage);
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            unauthorized(ctx, "send Authorization: Bearer <" + realm + " credential>");
            return;
        }
        Caller match = match(header);
        if (match != null) {
            ctx.put(CallerGuards.CALLER, match);
            ctx.next();
        } else {
            unauthorized(ctx, "the " + realm + " credential is not valid");
        }
    }

    /** The caller whose secret the Authorization header carries, or null. */
    Caller match(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) return null;
        byte[] offered = digest(header.substring(PREFIX.length()).strip());
        Caller match = null;
        for (Map.Entry<byte[], Caller> secret : accepted) {
            if (MessageDigest.isEqual(secret.getKey(), offered)) match = secret.getValue();
        }
        return match;
    }

    private void unauthorized(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        ApiErrors.send(ctx, 401, "unauthorized", "Authorization", message);
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
