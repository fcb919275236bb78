package dev.amfa.policy;

import java.util.Locale;

/** How an org uses adaptive MFA. */
public enum PolicyMode {
    /** Signals and rules decide (the default). */
    ADAPTIVE,
    /** Every login is challenged; risk still picks the factors. */
    ALWAYS,
    /** No MFA: logins are allowed, unevaluated. */
    OFF,
    /** Evaluate and log what would have happened, but always allow: a roll-out that starts by watching. */
    AUDIT;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
