package dev.amfa.decisions;

import dev.amfa.evaluation.EvaluationRequest;
import dev.amfa.facts.Assessment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Map;

/**
 * An estimate of the heap a kept {@link DecisionRecord} holds, for the in-memory log's byte bound: a fixed part
 * for the objects every record has, plus what grows with the caller's input (strings at two bytes a character
 * plus their header, the free-form attributes and details entry by entry). It errs on the high side: the bound
 * is a ceiling, not an account. Deterministic, so the same record always counts the same when it leaves.
 */
final class RecordSize {
    /** The record, its input, request, device and place objects and their lists, without the caller's text. */
    static final long FIXED = 2_048;
    /** An object header and fields per String, per map entry, per list slot. */
    static final long STRING = 48;
    static final long ENTRY = 64;
    static final int DEEPEST = 64;

    private RecordSize() {
    }

    static long of(DecisionRecord r) {
        EvaluationRequest q = r.input().request();
        long size = FIXED + text(r.id()) + text(q.org()) + text(q.userId()) + text(q.email()) + text(q.userAgent())
                + text(q.deviceId()) + text(q.fingerprint()) + text(q.application()) + text(r.ip())
                + texts(q.roles()) + texts(r.reasons()) + texts(r.factors()) + tree(q.attributes(), 0);
        for (Assessment a : r.input().assessments()) size += ENTRY + text(a.getSignal()) + text(a.getCode()) + tree(a.getDetails(), 0);
        for (Assessment a : q.reportedSignals()) size += ENTRY + text(a.getSignal()) + text(a.getCode()) + tree(a.getDetails(), 0);
        return size;
    }

    private static long text(String s) {
        return s == null ? 0 : STRING + 2L * s.length();
    }

    private static long texts(Collection<String> list) {
        long size = 0;
        for (String s : list) size += ENTRY + text(s);
        return size;
    }

    /**
     * A JSON tree. Callers' trees are bounded by the input limits; a signal's need not be, so below
     * {@link #DEEPEST} levels a subtree counts as one entry instead of overflowing the stack.
     */
    private static long tree(Object value, int depth) {
        if (depth > DEEPEST) return ENTRY;
        if (value instanceof JsonObject object) return tree(object.getMap(), depth);
        if (value instanceof JsonArray array) return tree(array.getList(), depth);
        if (value instanceof Map<?, ?> map) {
            long size = ENTRY;
            for (Map.Entry<?, ?> e : map.entrySet()) size += ENTRY + text(String.valueOf(e.getKey())) + tree(e.getValue(), depth + 1);
            return size;
        }
        if (value instanceof Collection<?> list) {
            long size = ENTRY;
            for (Object item : list) size += ENTRY + tree(item, depth + 1);
            return size;
        }
        if (value instanceof String s) return text(s);
        return value == null ? 0 : ENTRY;
    }
}
