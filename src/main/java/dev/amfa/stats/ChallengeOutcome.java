package dev.amfa.stats;

import dev.amfa.decisions.DecisionEvent;

import java.util.List;

/**
 * What the events of a challenged login say about the challenge, for the false-positive proxy: a challenge
 * passed on the first try (no failed step) suggests the user was who they said; an analyst's or the user's
 * "legitimate" verdict says so outright. PgDecisionStats states the same rules in SQL.
 */
record ChallengeOutcome(boolean passedFirstTry, boolean markedLegitimate) {

    static ChallengeOutcome of(List<DecisionEvent> events) {
        boolean passed = false;
        boolean failed = false;
        boolean legitimate = false;
        for (DecisionEvent e : events) {
            String mfa = e.details().getString("mfa");
            switch (e.type()) {
                case DecisionEvent.CHALLENGE_PASSED -> passed = true;
                case DecisionEvent.CHALLENGE_FAILED, DecisionEvent.CHALLENGE_LOCKED -> failed = true;
                case DecisionEvent.OUTCOME -> {
                    passed |= "passed".equals(mfa);
                    failed |= "failed".equals(mfa);
                }
                case DecisionEvent.FEEDBACK -> legitimate |= "legitimate".equals(e.details().getString("verdict"));
                default -> {
                }
            }
        }
        return new ChallengeOutcome(passed && !failed, legitimate);
    }
}
