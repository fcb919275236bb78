package dev.amfa.secrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Keyed hashes of one-time and recovery codes (HMAC-SHA256): what the stores keep instead of the codes. A
 * 6-digit code has only a million values, so a plain hash of a stolen row is reversed in a moment; without the
 * key it is not. The scope (a challenge id, a user) is hashed with the code so equal codes never hash alike.
 */
public final class CodeHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public CodeHasher(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public byte[] hash(String scope, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /** Whether {@code code} hashes to {@code stored}, in time independent of where they differ. */
    public boolean matches(byte[] stored, String scope, String code) {
        return stored != null && MessageDigest.isEqual(stored, hash(scope, code));
    }
}
