package dev.amfa.secrets;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Codes people type: emailed one-time codes and recovery codes, from SecureRandom. */
public final class RandomCodes {
    /** Digits of an emailed code. */
    public static final int CODE_DIGITS = 6;
    public static final int RECOVERY_CODES = 10;
    /** Recovery codes avoid 0/O and 1/I/L: they are read off paper. 10 characters of 31 are about 50 bits. */
    private static final String RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int RECOVERY_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomCodes() {
    }

    public static String digits() {
        StringBuilder code = new StringBuilder(CODE_DIGITS);
        for (int i = 0; i < CODE_DIGITS; i++) code.append((char) ('0' + RANDOM.nextInt(10)));
        return code.toString();
    }

    /** Ten codes shaped XXXXX-XXXXX. */
    public static List<String> recoveryCodes() {
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int n = 0; n < RECOVERY_CODES; n++) {
            StringBuilder code = new StringBuilder(RECOVERY_LENGTH + 1);
            for (int i = 0; i < RECOVERY_LENGTH; i++) {
                if (i == RECOVERY_LENGTH / 2) code.append('-');
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** How a typed recovery code is compared: case, spaces and the dash do not matter. */
    public static String normalizeRecovery(String typed) {
        String bare = typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        return bare.length() == RECOVERY_LENGTH ? bare.substring(0, RECOVERY_LENGTH / 2) + "-" + bare.substring(RECOVERY_LENGTH / 2) : bare;
    }
}
