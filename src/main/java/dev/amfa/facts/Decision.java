package dev.amfa.facts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The answer the rules build, one per evaluation. Rules reach it as the global {@code decision} rather than
 * as a fact: a fact every rule joins makes each evaluation pay for every rule in the base (measured in
 * bench/README.md: 1,000 rules joining a fact every login has run at ~7,000 evaluations/s, one pattern each ~55,000).
 *
 * <p>Severity only grows through {@link #challenge} and {@link #deny}; {@link #allow} may lower a challenge
 * (an org trusting a network) but never a deny.
 */
public final class Decision {
    private final List<String> usable;
    private final List<String> enabled;
    private Confidence confidence = Confidence.NEUTRAL;
    private double riskScore;
    private Risk risk;
    private Action action;
    private List<String> factors = List.of();
    private List<String> offered = List.of();
    private List<String> enrollOrder = List.of();
    private boolean factorsRequired;
    private boolean evaluated = true;
    private final List<String> notes = new ArrayList<>();

    public Decision(List<String> enrolledFactors) {
        this(enrolledFactors, Factor.ALL);
    }

    /**
     * @param enrolledFactors what the user has set up
     * @param enabledFactors  what the org allows: factors outside it are never offered nor suggested for enrolment
     */
    public Decision(List<String> enrolledFactors, List<String> enabledFactors) {
        this.enabled = List.copyOf(enabledFactors);
        this.usable = enrolledFactors.stream().filter(enabled::contains).toList();
    }

    /** Overall confidence falls to the given level if that is lower. */
    public void lowerConfidence(Confidence level) {
        confidence = confidence.lowest(level);
    }

    /** Adds an independent risk: scores compound (noisy-OR), so several weak signals add up but never pass 1. */
    public void compoundRisk(double probability) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("risk must be within 0..1, was " + probability);
        }
        riskScore = 1 - (1 - riskScore) * (1 - probability);
    }

    /** Freezes the combined risk for the rules that select factors; insert the result as a fact. */
    public Risk conclude() {
        risk = new Risk(confidence, riskScore);
        return risk;
    }

    public void allow(String why) {
        if (action == Action.DENY) return;
        action = Action.ALLOW;
        factors = List.of();
        factorsRequired = false;
        note(why);
    }

    /**
     * Challenge unless the decision already is one (or a deny): "every login MFA" without overriding the
     * factors that risk already chose.
     */
    public void challengeAtLeast(String... preference) {
        List<String> order = checked(preference);
        if (action == null || action == Action.ALLOW) {
            action = Action.CHALLENGE;
            offered = order;
            factors = enrolledOf(order);
        }
    }

    /** Challenge with the user's enrolled factors, offered in this order of preference. */
    public void challenge(String... preference) {
        List<String> order = checked(preference);
        if (action == Action.DENY || factorsRequired) return;
        action = Action.CHALLENGE;
        offered = order;
        factors = enrolledOf(order);
    }

    /** Challenge with only these factors (e.g. a security key for admins); later plain challenges cannot widen it. */
    public void require(String... only) {
        if (action == Action.DENY) return;
        action = Action.CHALLENGE;
        factorsRequired = true;
        offered = checked(only);
        factors = enrolledOf(offered);
    }

    public void deny(String why) {
        action = Action.DENY;
        factors = List.of();
        note(why);
    }

    /** Which factors to ask a user with none enrolled to set up, in order of preference. */
    public void enrollWith(String... preference) {
        enrollOrder = checked(preference);
    }

    /** Marks the login as outside the adaptive policy (e.g. a refresh_token flow): answered allow, unevaluated. */
    public void skip(String why) {
        evaluated = false;
        note(why);
    }

    /** Lets an org's rules evaluate a flow the baseline skips. */
    public void evaluateAnyway(String why) {
        evaluated = true;
        note(why);
    }

    public void note(String text) {
        if (text != null && !text.isBlank()) notes.add(text);
    }

    public Confidence getConfidence() { return confidence; }
    public double getRiskScore() { return riskScore; }
    public boolean isEvaluated() { return evaluated; }
    public List<String> getNotes() { return List.copyOf(notes); }

    /** The concluded risk, or the current one when no rule concluded. */
    public Risk risk() {
        return risk != null ? risk : new Risk(confidence, riskScore);
    }

    /** The final action: unevaluated flows are allowed; when no rule decided, the login is challenged (fail closed). */
    public Action action() {
        if (!evaluated) return Action.ALLOW;
        return action == null ? Action.CHALLENGE : action;
    }

    public boolean mfaRequired() {
        return action() == Action.CHALLENGE;
    }

    public List<String> factors() {
        if (!mfaRequired()) return List.of();
        return action == null ? usable : factors;
    }

    /**
     * Factors to enrol when MFA is required but the user has none of the allowed ones: the required factors
     * when a rule insisted on some, else the enrolment preference, else what the challenge offered.
     */
    public List<String> enroll() {
        if (!mfaRequired() || !factors().isEmpty()) return List.of();
        List<String> order = factorsRequired || enrollOrder.isEmpty() ? offered : enrollOrder;
        return order.stream().filter(enabled::contains).toList();
    }

    private List<String> enrolledOf(List<String> order) {
        return order.stream().filter(usable::contains).toList();
    }

    private static List<String> checked(String[] names) {
        return Arrays.stream(names).map(Factor::checked).toList();
    }
}
