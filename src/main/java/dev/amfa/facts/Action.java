package dev.amfa.facts;

import java.util.Locale;

/** What the auth service should do with the login. Ordered by severity: a rule can always escalate. */
public enum Action {
    ALLOW, CHALLENGE, DENY;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
