package dev.amfa.engine;

/**
 * A rule set that threw (an exception or an Error, a StackOverflowError included) or ran out of its
 * {@link RuleBudget}. The message names the rule set and what happened, never the cause's text: it becomes the
 * reason of a fail-closed decision that callers read. The cause goes to the log.
 */
public final class RuleSetFailedException extends RuntimeException {
    private final String ruleSet;

    RuleSetFailedException(String ruleSet, String what, Throwable cause) {
        super("the rules of " + ("baseline".equals(ruleSet) ? "the baseline" : "org " + ruleSet) + " " + what, cause);
        this.ruleSet = ruleSet;
    }

    public String ruleSet() {
        return ruleSet;
    }
}
