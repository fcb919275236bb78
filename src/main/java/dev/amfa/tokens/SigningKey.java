package dev.amfa.tokens;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RSA key that signs challenge results (RS256): read from a PKCS#8 PEM file, or generated at start. The
 * public half is published as a JWK whose {@code kid} is its RFC 7638 thumbprint, so verifiers pick the right
 * key after a rotation.
 */
public final class SigningKey {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);
    public static final String ALGORITHM = "RS256";
    static final int EPHEMERAL_BITS = 2048;

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String kid;

    private SigningKey(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
        this.privateKey = privateKey;
        this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        this.kid = thumbprint(publicKey);
    }

    /** @param pem a PKCS#8 PEM file ("BEGIN PRIVATE KEY"), or null for an ephemeral key */
    public static SigningKey load(Path pem) throws IOException, GeneralSecurityException {
        if (pem == null) {
            LOG.warn("no --jwt-key configured: challenge results are signed with a key generated for this run; "
                    + "tokens will not verify after a restart or on another node");
            return generate();
        }
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException(pem + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY); convert with "
                    + "`openssl pkcs8 -topk8 -nocrypt`");
        }
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        if (!(key instanceof RSAPrivateCrtKey crt)) throw new GeneralSecurityException(pem + " is not an RSA key");
        return new SigningKey(crt);
    }

    /** A key for this run only (the demo's, or the results' when none is configured). */
    public static SigningKey generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(EPHEMERAL_BITS);
        return new SigningKey((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
    }

    public String kid() {
        return kid;
    }

    /** The private key as PEM, for Vert.x' JWTAuth (it reads keys as PEM buffers); stays in memory. */
    String privatePem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    String publicPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The public key as a JWK: what /.well-known/jwks.json lists. */
    public JsonObject publicJwk() {
        return new JsonObject().put("kty", "RSA").put("use", "sig").put("alg", ALGORITHM).put("kid", kid)
                .put("n", base64Url(publicKey.getModulus())).put("e", base64Url(publicKey.getPublicExponent()));
    }

    private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
        // RFC 7638: the required members in lexicographic order, no whitespace.
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Unsigned big-endian bytes, as JWK wants them (BigInteger adds a sign byte). */
    private static String base64Url(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
