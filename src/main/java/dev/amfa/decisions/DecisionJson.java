package dev.amfa.decisions;

import dev.amfa.evaluation.DecisionInput;
import dev.amfa.evaluation.EvaluationRequest;
import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.evaluation.JsonFields;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Device;
import dev.amfa.geo.Place;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A logged decision as JSON: the summary a search lists, the whole record with its events, and the stored
 * form a database keeps and reads back into a replayable {@link DecisionInput}. The stored request has the
 * shape of a POST /v1/evaluate body, so the one parser reads both.
 */
public final class DecisionJson {
    private static final EvaluationRequestParser PARSER = new EvaluationRequestParser(Clock.systemUTC());

    private DecisionJson() {
    }

    /** One line of a search: who, when, where from, what was decided and which signal codes drove it. */
    public static JsonObject summary(DecisionRecord r) {
        JsonObject signals = new JsonObject();
        for (Assessment a : r.assessments()) signals.put(a.getSignal(), a.getCode());
        Device device = r.input().device();
        return new JsonObject()
                .put("evaluation_id", r.id()).put("at", r.at().toString()).put("org", r.org()).put("user", r.userId())
                .put("ip", r.ip()).put("action", r.action()).put("confidence", r.confidence())
                .put("risk_score", r.riskScore()).put("country", r.country()).put("city", r.city())
                .put("browser", device.getBrowserFamily()).put("os", device.getOsFamily())
                .put("signals", signals).put("policy_version", r.policyVersion());
    }

    /** The whole decision: every assessment with its details, the rules that fired, and what happened since. */
    public static JsonObject full(DecisionRecord r, List<DecisionEvent> events) {
        JsonObject assessments = new JsonObject();
        for (Assessment a : r.assessments()) assessments.put(a.getSignal(), a.toJson());
        JsonArray joined = new JsonArray();
        for (DecisionEvent e : events) joined.add(event(e));
        return summary(r)
                .put("mode", r.mode()).put("audit", r.audit()).put("factors", new JsonArray(r.factors()))
                .put("assessments", assessments).put("reasons", new JsonArray(r.reasons()))
                .put("place", r.input().place() == null ? null : r.input().place().toJson())
                .put("device_key", r.input().device().key()).put("flow", r.input().request().flow())
                .put("application", r.input().request().application())
                .put("recent_failures", r.input().recentFailures()).put("service", r.service())
                .put("events", joined);
    }

    public static JsonObject event(DecisionEvent e) {
        return new JsonObject().put("evaluation_id", e.evaluationId()).put("type", e.type()).put("at", e.at().toString())
                .put("details", e.details());
    }

    /** Everything needed to read the record back, replayable. */
    public static JsonObject stored(DecisionRecord r) {
        JsonArray assessments = new JsonArray();
        for (Assessment a : r.assessments()) assessments.add(a.toJson().put("signal", a.getSignal()));
        Device d = r.input().device();
        return new JsonObject()
                .put("request", request(r.input().request()))
                .put("device", new JsonObject().put("id", d.getId()).put("fingerprint", d.getFingerprint())
                        .put("user_agent", d.getUserAgent()).put("browser", d.getBrowserFamily()).put("os", d.getOsFamily()))
                .put("place", r.input().place() == null ? null : r.input().place().toJson())
                .put("assessments", assessments).put("recent_failures", r.input().recentFailures())
                .put("action", r.action()).put("factors", new JsonArray(r.factors())).put("policy_version", r.policyVersion())
                .put("ip", r.ip()).put("confidence", r.confidence()).put("risk_score", r.riskScore())
                .put("reasons", new JsonArray(r.reasons())).put("mode", r.mode()).put("audit", r.audit()).put("service", r.service());
    }

    public static DecisionRecord fromStored(String evaluationId, JsonObject json) {
        EvaluationRequest request = PARSER.parse(json.getJsonObject("request"));
        JsonObject d = json.getJsonObject("device");
        Device device = new Device(d.getString("id"), d.getString("fingerprint"), d.getString("user_agent"),
                d.getString("browser"), d.getString("os"));
        List<Assessment> assessments = new ArrayList<>();
        for (Object a : json.getJsonArray("assessments")) {
            JsonObject assessment = (JsonObject) a;
            assessments.add(EvaluationRequestParser.assessment(assessment.getString("signal"), new JsonFields(assessment, "")));
        }
        JsonObject place = json.getJsonObject("place");
        DecisionInput input = new DecisionInput(evaluationId, request, device, place == null ? null : Place.fromJson(place),
                assessments, json.getInteger("recent_failures", 0));
        return new DecisionRecord(input, json.getString("action"), strings(json.getJsonArray("factors")),
                json.getString("policy_version"), json.getString("ip"), json.getString("confidence"),
                json.getDouble("risk_score", 0.0), strings(json.getJsonArray("reasons")), json.getString("mode"),
                json.getString("audit"), json.getString("service"));
    }

    /** The request in the shape of an evaluate body. */
    static JsonObject request(EvaluationRequest r) {
        JsonObject user = new JsonObject().put("id", r.userId()).put("email", r.email())
                .put("roles", new JsonArray(r.roles())).put("attributes", new JsonObject(r.attributes() == null
                        ? java.util.Map.of() : r.attributes()))
                .put("enrolled_factors", new JsonArray(r.enrolledFactors()));
        JsonObject json = new JsonObject().put("org", r.org()).put("user", user).put("ip", r.ip().getHostAddress())
                .put("user_agent", r.userAgent()).put("timestamp", r.timestamp().toString()).put("flow", r.flow())
                .put("application", r.application())
                .put("mfa_session", new JsonObject().put("factors", new JsonArray(r.mfaSessionFactors())));
        if (r.deviceId() != null || r.fingerprint() != null) {
            json.put("device", new JsonObject().put("id", r.deviceId()).put("fingerprint", r.fingerprint()));
        }
        if (r.transaction() != null) {
            json.put("transaction", new JsonObject().put("type", r.transaction().getType())
                    .put("amount", r.transaction().getAmount()).put("currency", r.transaction().getCurrency()));
        }
        if (!r.reportedSignals().isEmpty()) {
            JsonObject signals = new JsonObject();
            for (Assessment a : r.reportedSignals()) signals.put(a.getSignal(), a.toJson());
            json.put("signals", signals);
        }
        dropNulls(json);
        dropNulls(user);
        return json;
    }

    private static void dropNulls(JsonObject json) {
        json.fieldNames().removeIf(name -> json.getValue(name) == null);
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        if (array != null) for (Object v : array) values.add((String) v);
        return values;
    }
}
