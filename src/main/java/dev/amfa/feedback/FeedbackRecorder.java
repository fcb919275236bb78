package dev.amfa.feedback;

import dev.amfa.callers.Caller;
import dev.amfa.decisions.DecisionEvent;
import dev.amfa.decisions.DecisionLog;
import dev.amfa.decisions.DecisionRecord;
import dev.amfa.ip.IpAddress;
import dev.amfa.store.HistoryPart;
import dev.amfa.store.Stores;
import dev.amfa.store.VelocityStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.Set;

/**
 * Acts on feedback. A fraudulent login is unlearned (the device and place it taught are forgotten) and counts
 * as a failure against its IP; a legitimate one that was challenged is a false positive of the signals that
 * did not vouch for it. Either way the verdict joins the decision in the log as a feedback event.
 */
public final class FeedbackRecorder {

    /** The evaluation already has a verdict from this source. */
    public static final class FeedbackAlreadyGiven extends RuntimeException {
        public FeedbackAlreadyGiven(String evaluationId, String source) {
            super("evaluation " + evaluationId + " already has a verdict from the " + source);
        }
    }

    private final Stores stores;
    private final DecisionLog decisions;
    private final boolean ipsKept;
    private final Clock clock;

    /** @param ipsKept whether the log keeps real IPs: a truncated or hashed one cannot be counted against */
    public FeedbackRecorder(Stores stores, DecisionLog decisions, boolean ipsKept, Clock clock) {
        this.stores = stores;
        this.decisions = decisions;
        this.ipsKept = ipsKept;
        this.clock = clock;
    }

    /**
     * @param caller who gives it: another service's or org's evaluation is unknown to it (the answer names the
     *               login's device and IP, which are not another service's to learn)
     * @return what was done, or null when the decision log does not have the evaluation
     */
    public Future<JsonObject> record(String evaluationId, Feedback feedback, Caller caller) {
        return decisions.find(evaluationId).compose(found -> {
            if (found == null || !caller.mayUse(found.record().org(), found.record().service())) return Future.succeededFuture();
            DecisionRecord r = found.record();
            // One verdict per evaluation and source: a repeated one would count against the IP again and again
            // (enough posts would deny it) and grow the log without bound.
            boolean repeated = found.events().stream().anyMatch(e -> e.type().equals(DecisionEvent.FEEDBACK)
                    && feedback.source().equals(e.details().getString("source")));
            if (repeated) {
                return Future.failedFuture(new FeedbackAlreadyGiven(evaluationId, feedback.source()));
            }
            JsonObject done = new JsonObject().put("evaluation_id", evaluationId).put("verdict", feedback.verdict())
                    .put("source", feedback.source());
            Future<Void> learned = Future.succeededFuture();
            if (feedback.fraudulent()) {
                String deviceKey = r.input().device().key();
                learned = stores.users().forgetLogin(r.org(), r.userId(), deviceKey, r.at());
                done.put("forgot", new JsonObject().put("device", deviceKey).put("login_at", r.at().toString()));
                if (ipsKept) {
                    String ip = IpAddress.canonical(r.input().request().ip());
                    learned = learned.compose(x -> stores.velocity().recordFailure(ip, VelocityStore.userKey(r.org(), r.userId()), clock.instant()));
                    done.put("counted_against_ip", ip);
                }
            } else if (r.decided().equals("challenge")) {
                done.put("false_positive_signals", new JsonArray(r.doubtingSignals()));
            }
            return learned.map(x -> {
                JsonObject details = done.copy().put("note", feedback.note());
                details.remove("evaluation_id");
                decisions.appendEvent(new DecisionEvent(evaluationId, r.org(), r.userId(), DecisionEvent.FEEDBACK,
                        clock.instant(), details));
                return done;
            });
        });
    }

    /** POST /v1/users/{id}/risk/clear: forgets the given parts of the user's history. */
    public Future<Void> clear(String org, String userId, Set<HistoryPart> what) {
        Future<Void> users = stores.users().clear(org, userId, what);
        return what.contains(HistoryPart.FAILURES)
                ? users.compose(x -> stores.velocity().clearUser(VelocityStore.userKey(org, userId))) : users;
    }
}
