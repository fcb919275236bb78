package dev.amfa.callers;

import java.util.List;
import java.util.Set;

/**
 * Who made a request of the caller API: a calling service (by the name of its API key) bound to the orgs the
 * key names, the zero-configuration loopback caller (every org), or the admin token (every org and everything
 * any service created). Evaluations and challenges remember the name of the caller that created them; only that
 * caller or the admin may act on them afterwards (outcome, challenge, verify, resend, feedback).
 *
 * @param name  the calling service's name, what it creates is remembered under; null for the admin
 * @param orgs  the orgs it may act for; null for every org
 * @param admin the admin token: acts for every org, on what any service created
 */
public record Caller(String name, Set<String> orgs, boolean admin) {
    /** The name the loopback caller's evaluations and challenges are remembered under. */
    public static final String LOOPBACK_NAME = "loopback";
    /** Without API keys, requests from this host: any org, as before keys existed (see docs/security-authz.md). */
    public static final Caller LOOPBACK = new Caller(LOOPBACK_NAME, null, false);
    public static final Caller ADMIN = new Caller(null, null, true);
    /** The name the public demo's evaluations and challenges are created under. */
    public static final String DEMO_NAME = "demo";
    /** Names no API key may take: a key so named would own what the loopback caller or the demo created. */
    static final List<String> RESERVED_NAMES = List.of(LOOPBACK_NAME, DEMO_NAME);

    public Caller {
        orgs = orgs == null ? null : Set.copyOf(orgs);
    }

    public static Caller service(String name, Set<String> orgs) {
        return new Caller(name, orgs, false);
    }

    public boolean mayActFor(String org) {
        return orgs == null || orgs.contains(org);
    }

    /**
     * Whether this caller may act on something created in {@code org} by {@code creator} (a service name; null
     * for what was created before creators were remembered, which only the admin may then act on).
     */
    public boolean mayUse(String org, String creator) {
        return admin || (mayActFor(org) && name != null && name.equals(creator));
    }

    @Override
    public String toString() {
        return admin ? "admin" : name + (orgs == null ? "@*" : "@" + String.join("+", orgs));
    }
}
