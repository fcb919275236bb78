package dev.amfa.evaluation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.amfa.engine.FiredRule;
import dev.amfa.facts.Action;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Decision;
import dev.amfa.policy.PolicyMode;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The POST /v1/evaluate response body. */
public final class EvaluationJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String[] CONFIDENCE = names(Confidence.values());
    private static final String[] ACTION = names(Action.values());
    private static final String[] MODE = names(PolicyMode.values());
    private static final SerializedString EVALUATION_ID = new SerializedString("evaluation_id");
    private static final SerializedString EVALUATED = new SerializedString("evaluated");
    private static final SerializedString MODE_FIELD = new SerializedString("mode");
    private static final SerializedString ACTION_FIELD = new SerializedString("action");
    private static final SerializedString MFA = new SerializedString("mfa");
    private static final SerializedString REQUIRED = new SerializedString("required");
    private static final SerializedString FACTORS = new SerializedString("factors");
    private static final SerializedString ENROLL = new SerializedString("enroll");
    private static final SerializedString AUDIT = new SerializedString("audit");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString CONFIDENCE_FIELD = new SerializedString("confidence");
    private static final SerializedString RISK_SCORE = new SerializedString("risk_score");
    private static final SerializedString ASSESSMENTS = new SerializedString("assessments");
    private static final SerializedString CODE = new SerializedString("code");
    private static final SerializedString DETAILS = new SerializedString("details");
    private static final SerializedString REASONS = new SerializedString("reasons");
    private static final SerializedString NOTES = new SerializedString("notes");
    private static final SerializedString POLICY = new SerializedString("policy");
    private static final SerializedString ORG = new SerializedString("org");
    private static final SerializedString VERSION = new SerializedString("version");
    private static final SerializedString EXPLANATION = new SerializedString("explanation");
    private static final SerializedString RULE_SET = new SerializedString("rule_set");
    private static final SerializedString RULE = new SerializedString("rule");
    private static final SerializedString FACTS = new SerializedString("facts");

    private EvaluationJson() {
    }

    /**
     * The response as an object (for `amfa eval` and the demo): the very bytes {@link #buffer} writes, read
     * back, so there is one encoder and the two can never say different things.
     *
     * @param explain also list every rule firing with the facts it matched
     */
    public static JsonObject of(Evaluation evaluation, boolean explain) {
        return new JsonObject(buffer(evaluation, explain));
    }

    /**
     * The response streamed straight into UTF-8 bytes: no intermediate JSON objects or String on the hot path.
     *
     * @param explain also list every rule firing with the facts it matched
     */
    public static Buffer buffer(Evaluation evaluation, boolean explain) {
        ExactBytes bytes = new ExactBytes();
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            write(evaluation, explain, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes.bytes, 0, bytes.size));
    }

    /**
     * The generator buffers its output (8,000 bytes, recycled) and hands it over on close, usually in one
     * write: keep exactly those bytes instead of growing a buffer by doubling.
     */
    private static final class ExactBytes extends java.io.OutputStream {
        byte[] bytes = new byte[0];
        int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, size == 0 ? more : Math.max(size + more, bytes.length * 2));
            }
        }
    }

    static void write(Evaluation evaluation, boolean explain, JsonGenerator out) throws IOException {
        Decision decision = evaluation.result().decision();
        out.writeStartObject();
        out.writeFieldName(EVALUATION_ID);
        out.writeString(evaluation.id());
        out.writeFieldName(EVALUATED);
        out.writeBoolean(decision.isEvaluated());
        out.writeFieldName(MODE_FIELD);
        out.writeString(MODE[evaluation.mode().ordinal()]);
        Action action = decision.action();
        if (evaluation.enforced()) {
            out.writeFieldName(ACTION_FIELD);
            out.writeString(ACTION[action.ordinal()]);
            out.writeFieldName(MFA);
            mfa(decision, out);
        } else {
            out.writeFieldName(ACTION_FIELD);
            out.writeString("allow");
            out.writeFieldName(MFA);
            out.writeStartObject();
            out.writeFieldName(REQUIRED);
            out.writeBoolean(false);
            out.writeFieldName(FACTORS);
            out.writeStartArray();
            out.writeEndArray();
            out.writeEndObject();
            out.writeFieldName(AUDIT);
            out.writeStartObject();
            out.writeFieldName(REASON);
            out.writeString(evaluation.unenforcedBecause());
            out.writeFieldName(ACTION_FIELD);
            out.writeString(ACTION[action.ordinal()]);
            out.writeFieldName(MFA);
            mfa(decision, out);
            out.writeEndObject();
        }
        out.writeFieldName(CONFIDENCE_FIELD);
        out.writeString(CONFIDENCE[decision.getConfidence().ordinal()]);
        out.writeFieldName(RISK_SCORE);
        out.writeNumber(riskScore(decision));
        out.writeFieldName(ASSESSMENTS);
        out.writeStartObject();
        // As a JsonObject would: a later assessment of the same signal replaces the earlier one, in its place.
        List<Assessment> assessments = distinctSignals(evaluation.assessments());
        for (Assessment a : assessments) {
            out.writeFieldName(a.getSignal());
            out.writeStartObject();
            out.writeFieldName(CONFIDENCE_FIELD);
            out.writeString(CONFIDENCE[a.getConfidence().ordinal()]);
            out.writeFieldName(CODE);
            out.writeString(a.getCode());
            out.writeFieldName(DETAILS);
            encode(a.getDetails(), out);
            out.writeEndObject();
        }
        out.writeEndObject();
        out.writeFieldName(REASONS);
        strings(reasons(evaluation), out);
        out.writeFieldName(NOTES);
        strings(decision.getNotes(), out);
        out.writeFieldName(POLICY);
        out.writeStartObject();
        out.writeFieldName(ORG);
        out.writeString(evaluation.request().org());
        out.writeFieldName(VERSION);
        out.writeString(evaluation.result().policyVersion());
        out.writeEndObject();
        if (explain) {
            out.writeFieldName(EXPLANATION);
            out.writeStartArray();
            for (FiredRule rule : evaluation.result().fired()) {
                out.writeStartObject();
                out.writeFieldName(RULE_SET);
                out.writeString(rule.ruleSet());
                out.writeFieldName(RULE);
                out.writeString(rule.rule());
                out.writeFieldName(FACTS);
                out.writeStartArray();
                for (Object fact : rule.facts()) out.writeString(String.valueOf(fact));
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private static List<Assessment> distinctSignals(List<Assessment> assessments) {
        for (int i = 1; i < assessments.size(); i++) {
            String signal = assessments.get(i).getSignal();
            for (int j = 0; j < i; j++) {
                if (assessments.get(j).getSignal().equals(signal)) return replaced(assessments);
            }
        }
        return assessments;
    }

    private static List<Assessment> replaced(List<Assessment> assessments) {
        java.util.LinkedHashMap<String, Assessment> bySignal = new java.util.LinkedHashMap<>();
        for (Assessment a : assessments) bySignal.put(a.getSignal(), a);
        return new ArrayList<>(bySignal.values());
    }

    private static void encode(Object value, JsonGenerator out) throws IOException {
        try {
            JacksonCodec.encodeJson(value, out);
        } catch (EncodeException e) {
            throw new IOException(e);
        }
    }

    private static void mfa(Decision decision, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeFieldName(REQUIRED);
        out.writeBoolean(decision.mfaRequired());
        out.writeFieldName(FACTORS);
        strings(decision.factors(), out);
        List<String> enroll = decision.enroll();
        if (!enroll.isEmpty()) {
            out.writeFieldName(ENROLL);
            strings(enroll, out);
        }
        out.writeEndObject();
    }

    private static void strings(List<String> values, JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null) out.writeNull();
            else out.writeString(value);
        }
        out.writeEndArray();
    }

    private static double riskScore(Decision decision) {
        return Math.round(decision.getRiskScore() * 1000) / 1000.0;
    }

    /** Rule names in firing order, each once: a rule that fires once per signal is one reason, not three. */
    public static List<String> reasons(Evaluation evaluation) {
        List<FiredRule> fired = evaluation.result().fired();
        List<String> reasons = new ArrayList<>(fired.size());
        for (FiredRule rule : fired) {
            String name = rule.rule();
            if (!reasons.contains(name)) reasons.add(name);
        }
        return reasons;
    }

    private static String[] names(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (Enum<?> value : values) names[value.ordinal()] = value.name().toLowerCase(java.util.Locale.ROOT);
        return names;
    }
}
