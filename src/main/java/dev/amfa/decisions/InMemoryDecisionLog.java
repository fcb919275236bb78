package dev.amfa.decisions;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;


/**
 * The most recent decisions of each org, in the heap: the zero-configuration decision log. Org names come from
 * callers, so both the decisions per org and the orgs remembered are bounded (the least recently active org
 * is forgotten first), and so are the bytes they hold ({@link RecordSize}'s estimate): past the byte bound, the
 * oldest decision of the org holding the most goes first, so one org's large logins never push out another's.
 * Searches and statistics scan what is kept: fine for the tens of thousands it holds.
 */
public final class InMemoryDecisionLog implements DecisionLog {
    static final Comparator<DecisionRecord> NEWEST_FIRST =
            Comparator.comparing(DecisionRecord::at).thenComparing(DecisionRecord::id).reversed();

    /** Without a byte bound of the caller's: 512 MiB. */
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

    private final int perOrg;
    private final long maxBytes;
    /** The estimated bytes of the decisions kept, in all and per org. */
    private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> bytesByOrg = new java.util.concurrent.ConcurrentHashMap<>();
    private final IpMasking markers;
    private final Map<String, Deque<DecisionRecord>> byOrg;
    /** Events of the most recent evaluations that had any, bounded like the decisions. */
    private final Map<String, List<DecisionEvent>> eventsById;
    /** The kept decisions by evaluation id: finding one (feedback, the console's detail view) is not a scan. */
    private final Map<String, DecisionRecord> byId;

    /**
     * @param perOrg decisions kept per org; older ones are dropped
     * @param orgs   orgs kept
     */
    public InMemoryDecisionLog(int perOrg, int orgs) {
        this(perOrg, orgs, IpMasking.keep());
    }

    /** @param markers makes the one-way marker of an anonymised user */
    public InMemoryDecisionLog(int perOrg, int orgs, IpMasking markers) {
        this(perOrg, orgs, DEFAULT_MAX_BYTES, markers);
    }

    /** @param maxBytes the estimated heap all kept decisions may hold */
    public InMemoryDecisionLog(int perOrg, int orgs, long maxBytes, IpMasking markers) {
        this.perOrg = perOrg;
        this.maxBytes = maxBytes;
        this.markers = markers;
        this.byOrg = Caffeine.newBuilder().maximumSize(orgs).executor(Runnable::run)
                .<String, Deque<DecisionRecord>>evictionListener((org, log, cause) -> forget(org, log))
                .build().asMap();
        this.eventsById = Caffeine.newBuilder().maximumSize((long) perOrg * orgs).executor(Runnable::run)
                .<String, List<DecisionEvent>>build().asMap();
        this.byId = Caffeine.newBuilder().maximumSize((long) perOrg * orgs).executor(Runnable::run)
                .<String, DecisionRecord>build().asMap();
    }

    @Override
    public void add(DecisionRecord record) {
        Deque<DecisionRecord> log = byOrg.computeIfAbsent(record.org(), k -> new ArrayDeque<>());
        synchronized (log) {
            log.addFirst(record);
            byId.put(record.id(), record);
            counted(record.org(), RecordSize.of(record));
            if (log.size() > perOrg) dropOldest(record.org(), log);
        }
        while (bytes.get() > maxBytes && dropOldestOfLargestOrg()) {
            // each pass drops one decision of the org holding the most
        }
    }

    /** The estimated bytes the kept decisions hold. */
    public long bytes() {
        return bytes.get();
    }

    private void counted(String org, long delta) {
        bytes.addAndGet(delta);
        bytesByOrg.computeIfAbsent(org, k -> new java.util.concurrent.atomic.AtomicLong()).addAndGet(delta);
    }

    /** Called holding the log's lock. */
    private void dropOldest(String org, Deque<DecisionRecord> log) {
        DecisionRecord oldest = log.removeLast();
        byId.remove(oldest.id(), oldest);
        counted(org, -RecordSize.of(oldest));
    }

    private boolean dropOldestOfLargestOrg() {
        String largest = null;
        long most = 0;
        for (Map.Entry<String, java.util.concurrent.atomic.AtomicLong> e : bytesByOrg.entrySet()) {
            if (e.getValue().get() > most) {
                most = e.getValue().get();
                largest = e.getKey();
            }
        }
        Deque<DecisionRecord> log = largest == null ? null : byOrg.get(largest);
        if (log == null) return false;
        synchronized (log) {
            if (log.isEmpty()) return false;
            dropOldest(largest, log);
        }
        return true;
    }

    /** An org forgotten as the least recently active: its decisions leave the index and the byte count too. */
    private void forget(String org, Deque<DecisionRecord> log) {
        if (log == null) return;
        synchronized (log) {
            for (DecisionRecord r : log) {
                byId.remove(r.id(), r);
                counted(org, -RecordSize.of(r));
            }
            log.clear();
        }
        bytesByOrg.remove(org);
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

    @Override
    public Future<DecisionPage> search(DecisionQuery query) {
        List<DecisionRecord> found = new ArrayList<>();
        for (DecisionRecord r : kept(query.org())) if (query.matches(r)) found.add(r);
        found.sort(NEWEST_FIRST);
        return Future.succeededFuture(DecisionPage.of(found.subList(0, Math.min(found.size(), query.limit() + 1)), query.limit()));
    }

    @Override
    public Future<LoggedDecision> find(String evaluationId) {
        DecisionRecord r = byId.get(evaluationId);
        return Future.succeededFuture(r == null ? null : new LoggedDecision(r, events(evaluationId)));
    }

    /** The decisions of one org (or every org, for null) made in [from, to), for statistics. */
    public List<DecisionRecord> between(String org, Instant from, Instant to) {
        List<DecisionRecord> found = new ArrayList<>();
        for (DecisionRecord r : kept(org)) if (!r.at().isBefore(from) && r.at().isBefore(to)) found.add(r);
        return found;
    }

    @Override
    public Future<Long> anonymise(String org, String userId) {
        String marker = markers.anonymousMarker(org, userId);
        Deque<DecisionRecord> log = byOrg.get(org);
        long changed = 0;
        if (log != null) {
            synchronized (log) {
                List<DecisionRecord> copy = new ArrayList<>(log);
                for (int i = 0; i < copy.size(); i++) {
                    if (!copy.get(i).userId().equals(userId)) continue;
                    long before = RecordSize.of(copy.get(i));
                    copy.set(i, copy.get(i).anonymised(marker));
                    counted(org, RecordSize.of(copy.get(i)) - before);
                    byId.put(copy.get(i).id(), copy.get(i));
                    changed++;
                }
                log.clear();
                log.addAll(copy);
            }
        }
        eventsById.replaceAll((id, events) -> {
            synchronized (events) {
                events.replaceAll(e -> e.org().equals(org) && userId.equals(e.userId())
                        ? new DecisionEvent(e.evaluationId(), e.org(), marker, e.type(), e.at(), e.details()) : e);
                return events;
            }
        });
        return Future.succeededFuture(changed);
    }

    /** A copy of what is kept for the org, or for every org. */
    private List<DecisionRecord> kept(String org) {
        List<DecisionRecord> all = new ArrayList<>();
        for (Map.Entry<String, Deque<DecisionRecord>> e : byOrg.entrySet()) {
            if (org != null && !org.equals(e.getKey())) continue;
            synchronized (e.getValue()) {
                all.addAll(e.getValue());
            }
        }
        return all;
    }
}
