package dev.amfa.evaluation;

import dev.amfa.engine.EngineResult;
import dev.amfa.engine.PolicyEngine;
import dev.amfa.engine.RuleBudget;
import dev.amfa.engine.RuleSetFailedException;
import dev.amfa.facts.Decision;
import dev.amfa.facts.Geo;
import dev.amfa.facts.LoginContext;
import dev.amfa.facts.User;
import dev.amfa.geo.Place;
import dev.amfa.ip.IpAddress;
import dev.amfa.policy.EffectivePolicy;
import dev.amfa.policy.PolicyMode;
import dev.amfa.policy.Rollout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * From a login's signals to a decision under one policy: builds the facts, runs the rules, applies the
 * org's mode and roll-out. No I/O: the live service, policy tests and replays of logged decisions all
 * decide through here, so they cannot disagree.
 */
public final class Decider {
    private static final Logger LOG = LoggerFactory.getLogger(Decider.class);

    private Decider() {
    }

    public static Evaluation decide(EffectivePolicy policy, DecisionInput input) {
        return decide(policy, input, RuleBudget.DEFAULT);
    }

    public static Evaluation decide(EffectivePolicy policy, DecisionInput input, RuleBudget budget) {
        EvaluationRequest request = input.request();
        Decision decision = new Decision(request.enrolledFactors(), policy.settings().factors());
        EngineResult result;
        try {
            result = PolicyEngine.evaluate(policy.baseline().rules(), policy.ownRules(), policy.version(), decision,
                    facts(policy, input), budget);
        } catch (RuleSetFailedException e) {
            // A rule that throws or runs away must neither let the login through nor fail the request: challenge
            // (fail closed). The reason names the rule set; what it threw goes to the log only.
            LOG.warn("evaluation {} of org {}: {}", input.evaluationId(), request.org(), e.getMessage(), e.getCause());
            return failedClosed(policy, input, e.getMessage());
        }
        return enforce(policy, input, result);
    }

    /** The decision when the rules could not decide: a challenge with every enrolled factor the org enables. */
    public static Evaluation failedClosed(EffectivePolicy policy, DecisionInput input, String why) {
        Decision failed = new Decision(input.request().enrolledFactors(), policy.settings().factors());
        failed.note(why + ": challenged to fail closed");
        return enforce(policy, input, new EngineResult(failed, List.of(), policy.version()));
    }

    private static Evaluation enforce(EffectivePolicy policy, DecisionInput input, EngineResult result) {
        EvaluationRequest request = input.request();
        PolicyMode mode = policy.settings().mode();
        String unenforced = null;
        if (mode == PolicyMode.AUDIT) {
            unenforced = "audit mode: evaluated and logged, always allowed";
        } else if (!Rollout.includes(request.org(), request.userId(), policy.settings().rolloutPercent())) {
            unenforced = "outside the gradual roll-out (" + policy.settings().rolloutPercent() + "% of users)";
        }
        return new Evaluation(input, result, mode, unenforced);
    }

    private static List<Object> facts(EffectivePolicy policy, DecisionInput input) {
        EvaluationRequest request = input.request();
        User user = new User(request.userId(), request.email(), request.roles(), request.attributes(),
                request.enrolledFactors(), input.recentFailures());
        LoginContext login = new LoginContext(input.evaluationId(), request.org(), request.flow(),
                request.application(), IpAddress.canonical(request.ip()), request.timestamp(), request.transaction(),
                request.mfaSessionFactors());
        Place place = input.place();
        Geo geo = place == null ? Geo.unknown() : new Geo(true, place.country(), place.city(), place.latitude(),
                place.longitude(), place.timeZone());
        List<Object> facts = new ArrayList<>(5 + input.assessments().size());
        facts.add(login);
        facts.add(user);
        facts.add(input.device());
        facts.add(geo);
        facts.add(policy.fact());
        facts.addAll(input.assessments());
        return facts;
    }
}
