package dev.amfa.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.amfa.store.Challenge;
import dev.amfa.store.ChallengeStore;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Challenges in the heap, forgotten {@code retention} after they start and bounded in number: user ids come
 * from callers. Each change is one atomic compute on the challenge's entry.
 */
public final class InMemoryChallengeStore implements ChallengeStore {
    public static final int MAX_CHALLENGES = 100_000;

    private final Cache<String, Challenge> byId;
    /** Ids of each user's recent challenges, for the per-user limits. */
    private final Cache<String, List<String>> byUser;
    private final Cache<String, Object> locks;
    /** Times of recent emailed codes per limited scope (address, user, calling service). */
    private final Cache<String, Deque<Instant>> sends;

    public InMemoryChallengeStore(Duration retention) {
        this.byId = Caffeine.newBuilder().expireAfterWrite(retention).maximumSize(MAX_CHALLENGES).build();
        this.byUser = Caffeine.newBuilder().expireAfterAccess(retention).maximumSize(MAX_CHALLENGES).build();
        this.locks = Caffeine.newBuilder().expireAfterAccess(retention).maximumSize(MAX_CHALLENGES).build();
        this.sends = Caffeine.newBuilder().expireAfterAccess(retention).maximumSize(MAX_CHALLENGES).build();
    }

    @Override
    public Future<Void> create(Challenge challenge) {
        byId.put(challenge.id(), challenge);
        byUser.asMap().compute(userKey(challenge.org(), challenge.userId()), (k, ids) -> {
            List<String> kept = new ArrayList<>(ids == null ? List.of() : ids);
            kept.removeIf(id -> byId.getIfPresent(id) == null);
            kept.add(challenge.id());
            return kept;
        });
        return Future.succeededFuture();
    }

    @Override
    public Future<Challenge> find(String id) {
        return Future.succeededFuture(byId.getIfPresent(id));
    }

    @Override
    public Future<Challenge> takeAttempt(String id, int maxAttempts) {
        AtomicReference<Challenge> taken = new AtomicReference<>();
        byId.asMap().computeIfPresent(id, (k, c) -> {
            if (!c.pending() || c.attempts() >= maxAttempts) return c;
            taken.set(c.withAttempt());
            return taken.get();
        });
        return Future.succeededFuture(taken.get());
    }

    @Override
    public Future<Boolean> finish(String id, String status) {
        AtomicBoolean changed = new AtomicBoolean();
        byId.asMap().computeIfPresent(id, (k, c) -> {
            if (!c.pending()) return c;
            changed.set(true);
            return c.withStatus(status);
        });
        return Future.succeededFuture(changed.get());
    }

    @Override
    public Future<Boolean> replaceCode(String id, byte[] codeHash, Instant expiresAt, Instant sentAt, int sendsSeen) {
        AtomicBoolean changed = new AtomicBoolean();
        byId.asMap().computeIfPresent(id, (k, c) -> {
            if (!c.pending() || c.sends() != sendsSeen) return c;
            changed.set(true);
            return c.withCode(codeHash, expiresAt, sentAt);
        });
        return Future.succeededFuture(changed.get());
    }

    @Override
    public Future<Boolean> createWithin(Challenge challenge, UserLimit starts) {
        // One user's checks and changes run under that user's lock: the limit holds under a burst.
        synchronized (userLock(challenge.org(), challenge.userId())) {
            if (count(challenge.org(), challenge.userId(), starts.since()).starts() >= starts.max()) {
                return Future.succeededFuture(false);
            }
            create(challenge);
            return Future.succeededFuture(true);
        }
    }

    @Override
    public Future<Attempt> takeAttemptWithin(String id, int maxAttempts, UserLimit failures) {
        Challenge challenge = byId.getIfPresent(id);
        if (challenge == null) return Future.succeededFuture(Attempt.NONE_LEFT);
        synchronized (userLock(challenge.org(), challenge.userId())) {
            if (count(challenge.org(), challenge.userId(), failures.since()).failures() >= failures.max()) {
                return Future.succeededFuture(Attempt.USER_LIMITED);
            }
            return takeAttempt(id, maxAttempts).map(taken -> new Attempt(taken, false));
        }
    }

    @Override
    public Future<SendLimit> recordSend(List<SendLimit> limits, Instant since, Instant at) {
        // One lock for all scopes: a send touches several, and sends are rare next to evaluations.
        synchronized (sends) {
            for (SendLimit limit : limits) {
                Deque<Instant> times = sends.getIfPresent(limit.scope());
                if (times == null) continue;
                while (!times.isEmpty() && times.peekFirst().isBefore(since)) times.removeFirst();
                if (times.size() >= limit.max()) return Future.succeededFuture(limit);
            }
            for (SendLimit limit : limits) sends.get(limit.scope(), k -> new ArrayDeque<>()).addLast(at);
            return Future.succeededFuture(null);
        }
    }

    /** One lock object per user, kept as long as the user's challenges are. */
    private Object userLock(String org, String userId) {
        return locks.get(userKey(org, userId), k -> new Object());
    }

    @Override
    public Future<ChallengeActivity> activity(String org, String userId, Instant since) {
        return Future.succeededFuture(count(org, userId, since));
    }

    private ChallengeActivity count(String org, String userId, Instant since) {
        List<String> ids = byUser.getIfPresent(userKey(org, userId));
        int starts = 0;
        int failures = 0;
        for (String id : ids == null ? List.<String>of() : List.copyOf(ids)) {
            Challenge c = byId.getIfPresent(id);
            if (c == null || c.createdAt().isBefore(since)) continue;
            starts++;
            failures += c.failures();
        }
        return new ChallengeActivity(starts, failures);
    }

    @Override
    public Future<Void> erase(String org, String userId) {
        List<String> ids = byUser.asMap().remove(userKey(org, userId));
        if (ids != null) byId.invalidateAll(ids);
        sends.invalidate(SendLimit.userScope(org, userId));
        return Future.succeededFuture();
    }

    static String userKey(String org, String userId) {
        return org + "/" + userId;
    }
}
