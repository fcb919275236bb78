package dev.amfa.facts;

import java.util.List;

/** The MFA factor names of the API and the rules; one list so validation and rules agree. */
public final class Factor {
    public static final List<String> ALL = List.of(
            "otp", "email", "sms", "push", "webauthn-roaming", "webauthn-platform", "recovery-code");

    private Factor() {
    }

    public static boolean isKnown(String name) {
        return ALL.contains(name);
    }

    /** Rejects a factor name a rule author mistyped, with the names that exist. */
    public static String checked(String name) {
        if (!isKnown(name)) {
            throw new IllegalArgumentException("unknown factor '" + name + "', expected one of " + ALL);
        }
        return name;
    }
}
