package dev.amfa.challenges;

import java.time.Duration;

/** The abuse limits of challenges, in one place (the README's API section quotes them). */
public final class Limits {
    /** Verifications of one challenge, the passing one included; the last failure locks it. */
    public static final int ATTEMPTS_PER_CHALLENGE = 5;
    /** Emails of one challenge: the first send and four resends. */
    public static final int SENDS_PER_CHALLENGE = 5;
    /** Time between two sends of one challenge. */
    public static final Duration RESEND_INTERVAL = Duration.ofSeconds(30);
    /** The window of the per-user limits below. */
    public static final Duration USER_WINDOW = Duration.ofMinutes(15);
    /** Challenges one user may start within the window. */
    public static final int STARTS_PER_USER = 10;
    /** Failed verifications one user may make within the window, over all their challenges. */
    public static final int FAILURES_PER_USER = 10;

    private Limits() {
    }
}
