package dev.amfa.engine;

import java.util.regex.Pattern;

/** Org names are folder names under policies/ and keys in stores: keep them to a safe alphabet. */
public final class OrgName {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private OrgName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    public static String rule() {
        return "lowercase letters, digits, '-' or '_', starting with a letter or digit, at most 64 characters";
    }
}
