package dev.amfa.totp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6238 Appendix B, the ±1 step window, base32 (RFC 4648 section 10) and the otpauth:// URI. */
class TotpTest {
    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 = ("1234567890123456789012345678901234567890123456789012345678901234")
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T={0} {2}")
    @CsvSource({
            "59,          94287082, SHA1",
            "59,          46119246, SHA256",
            "59,          90693936, SHA512",
            "1111111109,  07081804, SHA1",
            "1111111109,  68084774, SHA256",
            "1111111109,  25091201, SHA512",
            "1111111111,  14050471, SHA1",
            "1111111111,  67062674, SHA256",
            "1111111111,  99943326, SHA512",
            "1234567890,  89005924, SHA1",
            "1234567890,  91819424, SHA256",
            "1234567890,  93441116, SHA512",
            "2000000000,  69279037, SHA1",
            "2000000000,  90698825, SHA256",
            "2000000000,  38618901, SHA512",
            "20000000000, 65353130, SHA1",
            "20000000000, 77737706, SHA256",
            "20000000000, 47863826, SHA512"})
    void rfc6238AppendixB(long seconds, String expected, String mode) {
        byte[] seed = switch (mode) {
            case "SHA1" -> SEED_SHA1;
            case "SHA256" -> SEED_SHA256;
            default -> SEED_SHA512;
        };
        String algorithm = "Hmac" + mode;
        assertEquals(expected, Totp.code(seed, Totp.step(Instant.ofEpochSecond(seconds)), 8, algorithm));
    }

    @Test
    void acceptsOneStepEitherSideAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long step = Totp.step(now);
        for (long offset = -1; offset <= 1; offset++) {
            String code = Totp.code(SEED_SHA1, step + offset, Totp.DIGITS, Totp.SHA1);
            assertEquals(step + offset, Totp.matchingStep(SEED_SHA1, code, now).getAsLong());
        }
        assertTrue(Totp.matchingStep(SEED_SHA1, Totp.code(SEED_SHA1, step - 2, Totp.DIGITS, Totp.SHA1), now).isEmpty());
        assertTrue(Totp.matchingStep(SEED_SHA1, Totp.code(SEED_SHA1, step + 2, Totp.DIGITS, Totp.SHA1), now).isEmpty());
        assertTrue(Totp.matchingStep(SEED_SHA1, "not a code", now).isEmpty());
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertEquals("MZXW6YTBOI", Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MY", Base32.encode("f".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("mzxw 6ytb oi=="));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.encode(SEED_SHA1));
    }

    @Test
    void uriCarriesIssuerAccountAndParameters() {
        assertEquals("otpauth://totp/Acme%20Bank:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=Acme%20Bank&algorithm=SHA1&digits=6&period=30",
                Totp.uri("Acme Bank", "alice@example.com", SEED_SHA1));
    }
}
