package dev.amfa.decisions;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.amfa.evaluation.Evaluation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;


/**
 * The most recent decisions of each org, in the heap: the zero-configuration decision log. Org names come from
 * callers, so both the decisions per org and the orgs remembered are bounded (the least recently active org
 * is forgotten first).
 */
public final class InMemoryDecisionLog implements DecisionLog {
    private final int perOrg;
    private final Map<String, Deque<DecisionRecord>> byOrg;
    /** Events of the most recent evaluations that had any, bounded like the decisions. */
    private final Map<String, List<DecisionEvent>> eventsById;

    /**
     * @param perOrg decisions kept per org; older ones are dropped
     * @param orgs   orgs kept
     */
    public InMemoryDecisionLog(int perOrg, int orgs) {
        this.perOrg = perOrg;
        this.byOrg = Caffeine.newBuilder().maximumSize(orgs).executor(Runnable::run).<String, Deque<DecisionRecord>>build().asMap();
        this.eventsById = Caffeine.newBuilder().maximumSize((long) perOrg * orgs).executor(Runnable::run)
                .<String, List<DecisionEvent>>build().asMap();
    }

    @Override
    public void append(Evaluation evaluation) {
        DecisionRecord record = DecisionRecord.of(evaluation);
        Deque<DecisionRecord> log = byOrg.computeIfAbsent(record.org(), k -> new ArrayDeque<>());
        synchronized (log) {
            log.addFirst(record);
            if (log.size() > perOrg) log.removeLast();
        }
    }

    @Override
    public void appendEvent(DecisionEvent event) {
        List<DecisionEvent> events = eventsById.computeIfAbsent(event.evaluationId(), k -> new ArrayList<>());
        synchronized (events) {
            events.add(event);
        }
    }

    @Override
    public List<DecisionEvent> events(String evaluationId) {
        List<DecisionEvent> events = eventsById.get(evaluationId);
        if (events == null) return List.of();
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public List<DecisionRecord> recent(String org, int limit) {
        Deque<DecisionRecord> log = byOrg.get(org);
        if (log == null) return List.of();
        synchronized (log) {
            List<DecisionRecord> recent = new ArrayList<>(Math.min(limit, log.size()));
            Iterator<DecisionRecord> newestFirst = log.iterator();
            while (newestFirst.hasNext() && recent.size() < limit) recent.add(newestFirst.next());
            return recent;
        }
    }
}
