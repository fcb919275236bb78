package dev.amfa.keycloak;

/**
 * The names under which a login's decision is kept. Authentication-session notes live while the login is in
 * progress; user-session notes are copied into the user session when the login succeeds, which is where the
 * {@code LOGIN} event finds them. Nothing is ever written to the user (read-only LDAP users must work).
 */
final class Notes {
    /** amfa's evaluation id (auth and user session); absent when amfa gave no decision or its outcome is reported */
    static final String EVALUATION_ID = "amfa.evaluation_id";
    /** the id of the evaluate step's configuration, for the event listener's base URL and key (both sessions) */
    static final String CONFIG = "amfa.config";
    /** the verdict's kind, lower case: allow, challenge, deny, enrol, enrol_by_email (auth session) */
    static final String VERDICT = "amfa.verdict";
    /** the user's factors the login may use, comma-separated, preferred first (auth session) */
    static final String FACTORS = "amfa.factors";
    /** the factor sub-flow chosen by "amfa: factor allowed" (auth session) */
    static final String FACTOR_CHOSEN = "amfa.factor";
    /** "passed" once the second-factor sub-flow has started: the login cannot finish without passing it (both) */
    static final String MFA = "amfa.mfa";
    /** the evaluate request (auth session); copied to the user session when the first evaluation failed */
    static final String REQUEST = "amfa.request";

    private Notes() {
    }
}
