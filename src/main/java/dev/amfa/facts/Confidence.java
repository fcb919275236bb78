package dev.amfa.facts;

import java.util.Locale;

/**
 * How sure a signal is that the login is the user's own. Mirrors the confidence levels Auth0 exposes,
 * so integrators recognise them. NEUTRAL means "this signal has no opinion" and never lowers the overall
 * confidence.
 */
public enum Confidence {
    LOW, MEDIUM, HIGH, NEUTRAL;

    /** The lower of two levels; NEUTRAL gives way to any opinion. */
    public Confidence lowest(Confidence other) {
        if (this == NEUTRAL) return other;
        if (other == NEUTRAL) return this;
        return this.ordinal() <= other.ordinal() ? this : other;
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Confidence fromJson(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
