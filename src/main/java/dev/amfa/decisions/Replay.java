package dev.amfa.decisions;

import dev.amfa.evaluation.Decider;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.policy.EffectivePolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays logged decisions against a candidate policy: how many would change, and how ("allow -> challenge").
 * The signals are not run again; each decision's recorded assessments are reused, so only the policy differs.
 */
public final class Replay {
    /** Changed decisions shown as examples, enough to recognise a pattern. */
    static final int EXAMPLES = 10;
    /**
     * The longest a replay may take. It runs the candidate's rules (each decision within the rules' budget) for up
     * to 10,000 decisions, normally in well under a second; rules that are slow stop it here, and the answer says
     * how many it replayed.
     */
    static final Duration BUDGET = Duration.ofSeconds(10);

    private Replay() {
    }

    public static JsonObject run(EffectivePolicy candidate, List<DecisionRecord> records) {
        Map<String, Integer> transitions = new TreeMap<>();
        JsonArray examples = new JsonArray();
        int changed = 0;
        int replayed = 0;
        long deadline = System.nanoTime() + BUDGET.toNanos();
        for (DecisionRecord before : records) {
            if (System.nanoTime() - deadline > 0) break;
            replayed++;
            Evaluation after = Decider.decide(candidate, before.input());
            String action = after.enforced() ? after.result().decision().action().json() : "allow";
            if (action.equals(before.action())) continue;
            changed++;
            transitions.merge(before.action() + " -> " + action, 1, Integer::sum);
            if (examples.size() < EXAMPLES) {
                examples.add(new JsonObject()
                        .put("evaluation_id", before.input().evaluationId())
                        .put("user", before.input().request().userId())
                        .put("before", new JsonObject().put("action", before.action()).put("policy", before.policyVersion()))
                        .put("after", new JsonObject().put("action", action).put("policy", after.result().policyVersion())
                                .put("reasons", new JsonArray(after.result().reasons().stream().distinct().toList()))));
            }
        }
        JsonObject counted = new JsonObject();
        transitions.forEach(counted::put);
        return new JsonObject()
                .put("replayed", replayed)
                .put("complete", replayed == records.size())
                .put("changed", changed)
                .put("transitions", counted)
                .put("examples", examples);
    }
}
