package dev.amfa.tokens;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.auth.JWTOptions;

import java.time.Duration;
import java.util.List;

/**
 * Signs the result of a passed challenge as a short-lived JWT the auth service verifies offline with the keys
 * of /.well-known/jwks.json: {@code sub}, {@code amr}, {@code acr}, {@code evaluation_id}, {@code org}.
 */
public final class TokenIssuer {
    /** The acr of a login that passed MFA: the OpenID PAPE multi-factor policy URI, which Auth0 and others use. */
    public static final String ACR_MFA = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";

    private final SigningKey key;
    private final JWTAuth jwt;
    private final String issuer;
    private final Duration lifetime;

    public TokenIssuer(Vertx vertx, SigningKey key, String issuer, Duration lifetime) {
        this.key = key;
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
                .setAlgorithm(SigningKey.ALGORITHM).setId(key.kid()).setBuffer(key.privatePem())));
    }

    /**
     * @param methods the amr values: RFC 8176 names where one fits ("otp") and the factor itself
     * @param service the calling service the result is for (its API key's name): the token's {@code aud} and
     *                {@code azp}, so a token one service obtained is refused by another that checks its audience;
     *                null leaves both out (a challenge of an older version)
     */
    public String issue(String org, String userId, String evaluationId, List<String> methods, String service) {
        JsonObject claims = new JsonObject().put("amr", new JsonArray(methods)).put("acr", ACR_MFA)
                .put("evaluation_id", evaluationId).put("org", org);
        if (service != null) claims.put("azp", service);
        JWTOptions options = new JWTOptions().setAlgorithm(SigningKey.ALGORITHM).setIssuer(issuer)
                .setSubject(userId).setExpiresInSeconds((int) lifetime.toSeconds()).setHeader(
                        new JsonObject().put("kid", key.kid()));
        if (service != null) options.setAudience(List.of(service));
        return jwt.generateToken(claims, options);
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** The JWK Set of /.well-known/jwks.json. */
    public JsonObject jwks() {
        return new JsonObject().put("keys", new JsonArray().add(key.publicJwk()));
    }
}
