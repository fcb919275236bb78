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
    /**
     * Emailed codes (starts and resends) within the window, per address, per user and per calling service: the
     * caller chooses user.email, so the per-user limits alone let one key mail any address without end (30
     * codes to one address in seconds, issue 10). One user's honest use is a start and a few resends.
     */
    public static final int EMAILS_PER_ADDRESS = 10;
    public static final int EMAILS_PER_USER = 10;
    /** A calling service's whole budget of emailed codes within the window: a bound on what a leaked key can send. */
    public static final int EMAILS_PER_SERVICE = 1000;

    /**
     * How long after its start a passed OTP or recovery-code challenge lets its calling service replace the user's
     * confirmed TOTP or recovery codes: long enough to scan a new QR code, short enough that a stolen challenge id
     * is soon worth nothing.
     */
    public static final Duration REENROL_PROOF_AGE = Duration.ofMinutes(10);

    private Limits() {
    }
}
