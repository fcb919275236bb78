package dev.amfa.decisions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * How an IP appears in the decision log. Truncation keeps the network (enough for "where from" and for
 * replays), hashing keeps only equality. Replays need an address, so a hashed log keeps the truncated one in
 * the replayable input and shows the hash.
 */
public final class IpMasking {
    /** Bits kept by truncation: a /24 is a customer network for IPv4, a /48 a site for IPv6. */
    static final int IPV4_BITS = 24;
    static final int IPV6_BITS = 48;
    /** Hex digits of the keyed hash shown: 64 bits, collisions irrelevant at the scale of one log. */
    static final int HASH_HEX = 16;

    private final String mode;
    private final byte[] key;

    public IpMasking(String mode, String key) {
        this.mode = mode;
        // Without a configured key (only allowed when IPs are not hashed) the anonymous markers of erased users
        // get a random one: nobody can recompute a marker from a guessed user id.
        this.key = key == null || key.isEmpty() ? randomKey() : key.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomKey() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return random;
    }

    private static final IpMasking KEEP = new IpMasking("keep", "");

    public static IpMasking keep() {
        return KEEP;
    }

    /** The address the logged, replayable input carries. */
    public InetAddress forInput(InetAddress ip) {
        return mode.equals("keep") ? ip : truncate(ip);
    }

    /** The address as the log shows it. */
    public String shown(InetAddress ip) {
        return switch (mode) {
            case "truncate" -> truncate(ip).getHostAddress() + "/" + (ip.getAddress().length == 4 ? IPV4_BITS : IPV6_BITS);
            case "hash" -> "hash:" + hash(ip.getHostAddress());
            default -> ip.getHostAddress();
        };
    }

    static InetAddress truncate(InetAddress ip) {
        byte[] bytes = ip.getAddress();
        int keep = (bytes.length == 4 ? IPV4_BITS : IPV6_BITS) / 8;
        Arrays.fill(bytes, keep, bytes.length, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }

    String hash(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8))).substring(0, HASH_HEX);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /** The one-way marker that replaces a user id (and its IPs) when a user is anonymised. */
    public String anonymousMarker(String org, String userId) {
        return "anonymised:" + hash(org + '\u0000' + userId);
    }
}
