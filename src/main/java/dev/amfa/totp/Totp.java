package dev.amfa.totp;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * TOTP (RFC 6238) over HOTP (RFC 4226). The service enrols SHA1, 6 digits, 30-second steps: what every
 * authenticator app accepts from an otpauth:// URI; the other algorithms are here for the RFC's test vectors.
 */
public final class Totp {
    public static final String SHA1 = "HmacSHA1";
    public static final String SHA256 = "HmacSHA256";
    public static final String SHA512 = "HmacSHA512";
    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    /** Steps either side of now that are accepted: clocks drift and people type slowly (RFC 6238 section 5.2). */
    public static final int WINDOW = 1;
    /** 160 bits, as RFC 4226 recommends for SHA1. */
    public static final int SECRET_BYTES = 20;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of one time step (RFC 4226 section 5.3: dynamic truncation). */
    public static String code(byte[] secret, long step, int digits, String algorithm) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unsupported TOTP algorithm " + algorithm, e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * The step within the window whose code equals {@code typed}, or empty. Every step of the window is
     * compared, in constant time, so the time taken does not say which step came close.
     */
    public static OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
        long current = step(now);
        byte[] offered = typed.getBytes(StandardCharsets.US_ASCII);
        long found = -1;
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            byte[] expected = code(secret, s, DIGITS, SHA1).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, offered) && found < 0) found = s;
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** The URI authenticator apps read from the QR code (Google's Key Uri Format). */
    public static String uri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
