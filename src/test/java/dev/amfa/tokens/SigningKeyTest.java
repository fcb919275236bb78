package dev.amfa.tokens;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static dev.amfa.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A configured PEM key signs tokens that verify across "restarts"; ephemeral keys differ; bad files are refused. */
class SigningKeyTest {

    private static Path pem(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return Files.writeString(dir.resolve("jwt.pem"), "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void aConfiguredKeyVerifiesTokensOfAnEarlierRunWithTheJwksOfALaterOne(@TempDir Path dir) throws Exception {
        Path file = pem(dir);
        Vertx vertx = Vertx.vertx();
        try {
            String token = new TokenIssuer(vertx, SigningKey.load(file), "amfa", Duration.ofMinutes(5))
                    .issue("acme", "alice", "e1", List.of("mfa", "otp"), "oidc");
            TokenIssuer restarted = new TokenIssuer(vertx, SigningKey.load(file), "amfa", Duration.ofMinutes(5));
            List<JsonObject> keys = restarted.jwks().getJsonArray("keys").stream().map(JsonObject.class::cast).toList();
            JWTAuth verifier = JWTAuth.create(vertx, new JWTAuthOptions().setJwks(keys));
            assertEquals("alice", await(verifier.authenticate(new TokenCredentials(token))).principal().getString("sub"));
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
            assertEquals(keys.get(0).getString("kid"), new JsonObject(header).getString("kid"));
        } finally {
            await(vertx.close());
        }
    }

    @Test
    void ephemeralKeysDifferAndAnythingButPkcs8IsRefused(@TempDir Path dir) throws Exception {
        assertNotEquals(SigningKey.load(null).kid(), SigningKey.load(null).kid());
        Path rsa = Files.writeString(dir.resolve("old.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThrows(GeneralSecurityException.class, () -> SigningKey.load(rsa));
    }
}
