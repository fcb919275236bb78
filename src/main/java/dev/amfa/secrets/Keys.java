package dev.amfa.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/** Secret keys from configuration (base64), or generated at start when none is configured. */
public final class Keys {
    private static final Logger LOG = LoggerFactory.getLogger(Keys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    /**
     * @param configured base64 text, or null to generate a key (and warn what is lost on restart)
     * @param what       the setting's name, for messages
     */
    public static byte[] orGenerate(String configured, int bytes, String what, String lostOnRestart) {
        if (configured == null) {
            LOG.warn("no {} configured: generated one for this run; {}", what, lostOnRestart);
            return random(bytes);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be base64");
        }
        if (key.length < bytes) throw new IllegalArgumentException(what + " must be at least " + bytes + " bytes");
        return java.util.Arrays.copyOf(key, bytes);
    }

    public static byte[] random(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return key;
    }
}
