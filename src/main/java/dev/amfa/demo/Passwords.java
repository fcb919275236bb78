package dev.amfa.demo;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo's password hashes: PBKDF2-HMAC-SHA256, stored as {@code pbkdf2-sha256:<iterations>:<salt>:<hash>}
 * (base64). Slow on purpose; callers run it on a worker thread.
 */
public final class Passwords {
    static final String PREFIX = "pbkdf2-sha256";
    static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Checked when the user does not exist, so the answer takes as long as for a wrong password. */
    static final String DUMMY = hash("not a password", ITERATIONS);

    private Passwords() {
    }

    public static String hash(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return PREFIX + ":" + iterations + ":" + b64(salt) + ":" + b64(derive(password, salt, iterations));
    }

    public static boolean verify(String password, String stored) {
        String[] parts = stored.split(":");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) throw new IllegalArgumentException("not a " + PREFIX + " hash");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JRE", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Prints a hash for demo/users.json: {@code java -cp amfa-all.jar dev.amfa.demo.Passwords <password>}. */
    public static void main(String[] args) {
        System.out.println(hash(args[0], ITERATIONS));
    }
}
