package dev.amfa.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who is in a gradual roll-out: a stable hash of org and user id, so a user stays in (or out) across
 * logins and nodes, and raising the percentage only ever adds users.
 */
public final class Rollout {
    private Rollout() {
    }

    public static boolean includes(String org, String userId, int percent) {
        if (percent >= 100) return true;
        if (percent <= 0) return false;
        return bucket(org, userId) < percent;
    }

    /** 0..99 */
    static int bucket(String org, String userId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((org + '\u0000' + userId).getBytes(StandardCharsets.UTF_8));
            int value = ((hash[0] & 0xFF) << 24) | ((hash[1] & 0xFF) << 16) | ((hash[2] & 0xFF) << 8) | (hash[3] & 0xFF);
            return Integer.remainderUnsigned(value, 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
