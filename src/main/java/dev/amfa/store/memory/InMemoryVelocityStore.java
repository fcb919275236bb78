package dev.amfa.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.amfa.store.IpVelocity;
import dev.amfa.store.VelocityStore;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Failed logins per IP in a sliding window. Failures older than the window are dropped as new ones arrive,
 * and an IP quiet for a whole window is forgotten, so memory follows current traffic only.
 */
public final class InMemoryVelocityStore implements VelocityStore {
    /** Per IP; past this the oldest failures go first (the count is already far above any threshold). */
    static final int MAX_FAILURES_PER_IP = 10_000;
    /** IPs tracked at once: addresses are the attacker's to choose (IPv6 has plenty), memory is ours. */
    static final int MAX_IPS = 1_000_000;

    private final Duration window;
    private final Cache<String, Failures> byIp;

    public InMemoryVelocityStore(Duration window) {
        this.window = window;
        this.byIp = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(MAX_IPS).build();
    }

    @Override
    public Future<IpVelocity> failuresFrom(String ip, Instant since) {
        Failures failures = byIp.getIfPresent(ip);
        return Future.succeededFuture(failures == null ? IpVelocity.NONE : failures.since(since));
    }

    @Override
    public Future<Void> recordFailure(String ip, String userKey, Instant at) {
        byIp.get(ip, k -> new Failures()).add(userKey, at, at.minus(window));
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> clearUser(String userKey) {
        // Rare (an analyst or an erasure): a scan of the tracked IPs is fine.
        for (Failures failures : byIp.asMap().values()) failures.forget(userKey);
        return Future.succeededFuture();
    }

    private record Failure(String userKey, Instant at) {
    }

    private static final class Failures {
        private final Deque<Failure> recent = new ArrayDeque<>();

        synchronized void add(String userKey, Instant at, Instant horizon) {
            recent.addLast(new Failure(userKey, at));
            while (!recent.isEmpty() && (recent.peekFirst().at().isBefore(horizon) || recent.size() > MAX_FAILURES_PER_IP)) {
                recent.removeFirst();
            }
        }

        synchronized void forget(String userKey) {
            recent.removeIf(f -> f.userKey().equals(userKey));
        }

        synchronized IpVelocity since(Instant since) {
            int count = 0;
            Set<String> users = new HashSet<>();
            for (Failure f : recent) {
                if (!f.at().isBefore(since)) {
                    count++;
                    users.add(f.userKey());
                }
            }
            return new IpVelocity(count, users.size());
        }
    }
}
