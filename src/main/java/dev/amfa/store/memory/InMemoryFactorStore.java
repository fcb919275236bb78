package dev.amfa.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.amfa.store.FactorStore;
import io.vertx.core.Future;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enrolled factors in the heap, for the zero-configuration run: they end with the process, and the number of
 * users remembered is bounded (user ids come from callers; the least recently used is forgotten first).
 */
public final class InMemoryFactorStore implements FactorStore {
    public static final int MAX_USERS = 100_000;

    private final Cache<String, Factors> users = Caffeine.newBuilder().maximumSize(MAX_USERS).build();

    @Override
    public Future<Void> saveTotp(String org, String userId, byte[] sealedSecret) {
        users.asMap().compute(key(org, userId), (k, f) -> {
            TotpEnrolment t = f == null ? null : f.totp;
            TotpEnrolment saved = t != null && t.confirmed()
                    ? new TotpEnrolment(t.sealedSecret(), true, t.lastStep(), sealedSecret)
                    : new TotpEnrolment(sealedSecret, false, -1, null);
            return new Factors(saved, f == null ? List.of() : f.recovery);
        });
        return Future.succeededFuture();
    }

    @Override
    public Future<Boolean> confirmPendingTotp(String org, String userId, byte[] sealedPending, long step) {
        AtomicBoolean confirmed = new AtomicBoolean();
        users.asMap().computeIfPresent(key(org, userId), (k, f) -> {
            TotpEnrolment t = f.totp;
            if (t == null || t.pendingSecret() == null || !MessageDigest.isEqual(t.pendingSecret(), sealedPending)) return f;
            confirmed.set(true);
            return new Factors(new TotpEnrolment(sealedPending, true, step, null), f.recovery);
        });
        return Future.succeededFuture(confirmed.get());
    }

    @Override
    public Future<TotpEnrolment> totp(String org, String userId) {
        Factors factors = users.getIfPresent(key(org, userId));
        return Future.succeededFuture(factors == null ? null : factors.totp);
    }

    @Override
    public Future<Boolean> useTotpStep(String org, String userId, long step, boolean confirming) {
        AtomicBoolean used = new AtomicBoolean();
        users.asMap().computeIfPresent(key(org, userId), (k, f) -> {
            TotpEnrolment t = f.totp;
            if (t == null || (!t.confirmed() && !confirming) || t.lastStep() >= step) return f;
            used.set(true);
            return new Factors(new TotpEnrolment(t.sealedSecret(), true, step, t.pendingSecret()), f.recovery);
        });
        return Future.succeededFuture(used.get());
    }

    @Override
    public Future<Void> replaceRecoveryCodes(String org, String userId, List<byte[]> hashes) {
        users.asMap().compute(key(org, userId), (k, f) -> new Factors(f == null ? null : f.totp, List.copyOf(hashes)));
        return Future.succeededFuture();
    }

    @Override
    public Future<List<byte[]>> unusedRecoveryCodes(String org, String userId) {
        Factors factors = users.getIfPresent(key(org, userId));
        return Future.succeededFuture(factors == null ? List.of() : factors.recovery);
    }

    @Override
    public Future<Boolean> useRecoveryCode(String org, String userId, byte[] hash) {
        AtomicBoolean used = new AtomicBoolean();
        users.asMap().computeIfPresent(key(org, userId), (k, f) -> {
            List<byte[]> left = new ArrayList<>(f.recovery);
            used.set(left.removeIf(h -> MessageDigest.isEqual(h, hash)));
            return new Factors(f.totp, List.copyOf(left));
        });
        return Future.succeededFuture(used.get());
    }

    @Override
    public Future<Void> erase(String org, String userId) {
        users.invalidate(key(org, userId));
        return Future.succeededFuture();
    }

    private static String key(String org, String userId) {
        return InMemoryChallengeStore.userKey(org, userId);
    }

    private record Factors(TotpEnrolment totp, List<byte[]> recovery) {
    }
}
