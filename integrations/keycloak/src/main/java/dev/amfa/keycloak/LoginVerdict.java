package dev.amfa.keycloak;

import java.util.List;

/**
 * What Keycloak does with one login, from amfa's decision (or from amfa's absence) and the realm's settings.
 * Kept apart from Keycloak's classes so each policy is a plain unit test.
 *
 * @param factors for {@link Kind#CHALLENGE}: the user's factors the login may use, preferred first
 * @param error   for the refusing kinds: the event error (and the reason the server log shows)
 */
public record LoginVerdict(Kind kind, List<String> factors, String error) {
    public enum Kind {
        ALLOW, CHALLENGE, DENY,
        /** the user has no usable factor and the enrolment policy lets this login set one up */
        ENROL,
        /** ... only after proving the mailbox (a link to set it up is emailed) */
        ENROL_BY_EMAIL
    }

    public static final String DENIED = "amfa_denied";
    public static final String UNAVAILABLE = "amfa_unavailable";
    public static final String NO_FACTOR = "amfa_no_second_factor";

    public static LoginVerdict of(Decision decision, AmfaSettings settings, List<String> enrolled) {
        return switch (decision.action()) {
            case "allow" -> allow();
            case "deny" -> deny(DENIED);
            default -> challenge(decision.factors().stream().filter(enrolled::contains).toList(), settings);
        };
    }

    /** amfa could not be asked: the {@code on_error} setting decides; a challenge offers every factor the user has. */
    public static LoginVerdict onError(AmfaSettings settings, List<String> enrolled) {
        return switch (settings.onError()) {
            case ALLOW -> allow();
            case DENY -> deny(UNAVAILABLE);
            case CHALLENGE -> challenge(Factors.ALL.stream().filter(enrolled::contains).toList(), settings);
        };
    }

    private static LoginVerdict challenge(List<String> usable, AmfaSettings settings) {
        if (!usable.isEmpty()) return new LoginVerdict(Kind.CHALLENGE, usable, null);
        // No factor the login could be asked for: letting it set one up with the password alone would hand a
        // stolen password its own second factor (Keycloak issue 21837), so that is an explicit choice.
        return switch (settings.enrol()) {
            case DENY -> deny(NO_FACTOR);
            case REQUIRE_EMAIL_VERIFICATION -> new LoginVerdict(Kind.ENROL_BY_EMAIL, List.of(), null);
            case ALLOW -> new LoginVerdict(Kind.ENROL, List.of(), null);
        };
    }

    private static LoginVerdict allow() {
        return new LoginVerdict(Kind.ALLOW, List.of(), null);
    }

    private static LoginVerdict deny(String error) {
        return new LoginVerdict(Kind.DENY, List.of(), error);
    }
}
