package dev.amfa.evaluation;

import dev.amfa.engine.EngineResult;
import dev.amfa.engine.PolicyEngine;
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
        EvaluationRequest request = input.request();
        List<String> enabled = policy.settings().factors();
        Decision decision = new Decision(request.enrolledFactors(), enabled);
        EngineResult result;
        try {
            result = PolicyEngine.evaluate(policy.baseline().rules(), policy.ownRules(), policy.version(), decision,
                    facts(policy, input));
        } catch (RuntimeException e) {
            // A rule that throws must neither let the login through nor fail the request: challenge (fail closed).
            LOG.error("rules failed for evaluation {} of org {}", input.evaluationId(), request.org(), e);
            Decision failed = new Decision(request.enrolledFactors(), enabled);
            failed.note("the rules failed (" + e.getClass().getSimpleName() + "): challenged to fail closed");
            result = new EngineResult(failed, List.of(), policy.version());
        }
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
