package dev.amfa.decisions;

import dev.amfa.evaluation.DecisionInput;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.evaluation.EvaluationJson;
import dev.amfa.evaluation.EvaluationRequest;
import dev.amfa.facts.Assessment;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * One logged decision: the whole input the rules decided from (so it can be replayed against another policy)
 * and what was answered.
 *
 * @param input      the input, its IP as the log's IP mode keeps it
 * @param action     what the caller was told (allow when the decision was not enforced)
 * @param ip         the IP as the log shows it (kept, truncated or hashed)
 * @param confidence the overall confidence
 * @param reasons    the rules that fired, each once, in firing order
 * @param mode       the org's policy mode
 * @param audit      what the rules decided when it was not enforced (audit mode, roll-out), else null
 * @param service    the calling service that asked (its API key's name): only it, or the admin, may leave
 *                   feedback on it; null for decisions of an older version and replays
 */
public record DecisionRecord(DecisionInput input, String action, List<String> factors, String policyVersion,
                             String ip, String confidence, double riskScore, List<String> reasons, String mode,
                             String audit, String service) {

    public DecisionRecord {
        factors = List.copyOf(factors);
        reasons = List.copyOf(reasons);
    }

    public static DecisionRecord of(Evaluation evaluation) {
        return of(evaluation, IpMasking.keep());
    }

    public static DecisionRecord of(Evaluation evaluation, IpMasking ips) {
        var decision = evaluation.result().decision();
        InetAddress ip = evaluation.request().ip();
        DecisionInput input = evaluation.input();
        InetAddress logged = ips.forInput(ip);
        if (!logged.equals(ip)) input = withRequest(input, withIp(input.request(), input.request().userId(), logged));
        return new DecisionRecord(input,
                evaluation.enforced() ? decision.action().json() : "allow",
                evaluation.enforced() ? decision.factors() : List.of(),
                evaluation.result().policyVersion(),
                ips.shown(ip), decision.getConfidence().json(),
                Math.round(decision.getRiskScore() * 1000) / 1000.0,
                EvaluationJson.reasons(evaluation), evaluation.mode().json(),
                evaluation.enforced() ? null : decision.action().json(), evaluation.service());
    }

    /** The same decision with the user id and IP replaced by a one-way marker, and the email and attributes gone. */
    public DecisionRecord anonymised(String marker) {
        EvaluationRequest r = input.request();
        EvaluationRequest request = new EvaluationRequest(r.org(), marker, null, r.roles(), java.util.Map.of(),
                r.enrolledFactors(), unspecified(), r.userAgent(), r.deviceId(), r.fingerprint(), r.timestamp(),
                r.flow(), r.application(), r.transaction(), r.mfaSessionFactors(), r.reportedSignals());
        return new DecisionRecord(withRequest(input, request), action, factors, policyVersion, marker, confidence,
                riskScore, reasons, mode, audit, service);
    }

    public String id() {
        return input.evaluationId();
    }

    public String org() {
        return input.request().org();
    }

    public String userId() {
        return input.request().userId();
    }

    public Instant at() {
        return input.request().timestamp();
    }

    public List<Assessment> assessments() {
        return input.assessments();
    }

    /** The action the rules chose, enforced or not: what statistics count. */
    public String decided() {
        return audit == null ? action : audit;
    }

    /**
     * The signals that did not vouch for the login (low or medium confidence): those held responsible for a
     * challenge, and the ones a "legitimate" verdict counts a false positive against.
     */
    public List<String> doubtingSignals() {
        return assessments().stream().filter(a -> a.getConfidence() == dev.amfa.facts.Confidence.LOW
                || a.getConfidence() == dev.amfa.facts.Confidence.MEDIUM).map(Assessment::getSignal).distinct().toList();
    }

    public String country() {
        return input.place() == null ? null : input.place().country();
    }

    public String city() {
        return input.place() == null ? null : input.place().city();
    }

    private static DecisionInput withRequest(DecisionInput input, EvaluationRequest request) {
        return new DecisionInput(input.evaluationId(), request, input.device(), input.place(), input.assessments(),
                input.recentFailures());
    }

    private static EvaluationRequest withIp(EvaluationRequest r, String userId, InetAddress ip) {
        return new EvaluationRequest(r.org(), userId, r.email(), r.roles(), r.attributes(), r.enrolledFactors(), ip,
                r.userAgent(), r.deviceId(), r.fingerprint(), r.timestamp(), r.flow(), r.application(),
                r.transaction(), r.mfaSessionFactors(), r.reportedSignals());
    }

    private static InetAddress unspecified() {
        return dev.amfa.ip.IpAddress.parse("0.0.0.0");
    }
}
