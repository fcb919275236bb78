package dev.amfa.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.amfa.callers.Caller;
import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.EvaluationStore;
import dev.amfa.store.OutcomeClaim;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluations awaiting an outcome, kept for a retention period after the evaluation and at most
 * {@link #MAX_PENDING} of them: under sustained load an unbounded heap store filled the heap within minutes
 * (bench/README.md). An outcome for an evaluation dropped either way answers 404, as for an unknown one.
 */
public final class InMemoryEvaluationStore implements EvaluationStore {
    /** A bound on the heap the store can take, whatever the load and the retention. */
    public static final int MAX_PENDING = 200_000;

    private final Cache<String, Pending> pending;

    public InMemoryEvaluationStore(Duration retention) {
        this.pending = Caffeine.newBuilder().expireAfterWrite(retention).maximumSize(MAX_PENDING).build();
    }

    @Override
    public Future<Void> save(EvaluationRecord record) {
        pending.put(record.id(), new Pending(record));
        return Future.succeededFuture();
    }

    @Override
    public Future<OutcomeClaim> claimOutcome(String evaluationId, Caller caller) {
        AtomicReference<OutcomeClaim> claim = new AtomicReference<>(OutcomeClaim.UNKNOWN);
        pending.asMap().computeIfPresent(evaluationId, (id, p) -> {
            if (!caller.mayUse(p.record.org(), p.record.service())) return p;
            claim.set(p.recorded ? OutcomeClaim.ALREADY_RECORDED : OutcomeClaim.claimed(p.record));
            return new Pending(p.record, true);
        });
        return Future.succeededFuture(claim.get());
    }

    @Override
    public Future<EvaluationRecord> findPending(String evaluationId) {
        Pending p = pending.getIfPresent(evaluationId);
        return Future.succeededFuture(p == null || p.recorded ? null : p.record);
    }

    @Override
    public Future<Void> erase(String org, String userId) {
        // A scan: erasure is rare, and the store is bounded.
        pending.asMap().values().removeIf(p -> p.record.org().equals(org) && p.record.userId().equals(userId));
        return Future.succeededFuture();
    }

    private record Pending(EvaluationRecord record, boolean recorded) {
        Pending(EvaluationRecord record) {
            this(record, false);
        }
    }
}
