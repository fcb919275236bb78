package dev.amfa.decisions;

import dev.amfa.evaluation.Evaluation;
import io.vertx.core.Future;

import java.util.List;

/**
 * The decision log the service uses: makes each evaluation into a record once, with its IP as configured
 * (kept, truncated or hashed), stores it, and tells the listeners (metrics, the SIEM sink). A listener that
 * throws is logged and never fails an evaluation.
 */
public final class ObservedDecisionLog implements DecisionLog {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ObservedDecisionLog.class);

    private final DecisionLog store;
    private final IpMasking ips;
    private final List<DecisionListener> listeners;

    public ObservedDecisionLog(DecisionLog store, IpMasking ips, List<DecisionListener> listeners) {
        this.store = store;
        this.ips = ips;
        this.listeners = List.copyOf(listeners);
    }

    public DecisionLog store() {
        return store;
    }

    @Override
    public void append(Evaluation evaluation) {
        add(DecisionRecord.of(evaluation, ips));
    }

    @Override
    public void add(DecisionRecord record) {
        store.add(record);
        tell(listener -> listener.decided(record));
    }

    @Override
    public void appendEvent(DecisionEvent event) {
        store.appendEvent(event);
        tell(listener -> listener.happened(event));
    }

    private void tell(java.util.function.Consumer<DecisionListener> what) {
        for (DecisionListener listener : listeners) {
            try {
                what.accept(listener);
            } catch (RuntimeException | StackOverflowError e) {
                // A listener (the SIEM copy, metrics) never fails the evaluation it is told about.
                LOG.warn("decision listener {} failed: {}", listener, e.toString());
            }
        }
    }

    @Override
    public List<DecisionEvent> events(String evaluationId) {
        return store.events(evaluationId);
    }

    @Override
    public List<DecisionRecord> recent(String org, int limit) {
        return store.recent(org, limit);
    }

    @Override
    public Future<DecisionPage> search(DecisionQuery query) {
        return store.search(query);
    }

    @Override
    public Future<LoggedDecision> find(String evaluationId) {
        return store.find(evaluationId);
    }

    @Override
    public Future<Long> anonymise(String org, String userId) {
        return store.anonymise(org, userId);
    }

    @Override
    public Future<Void> flush() {
        return store.flush();
    }
}
