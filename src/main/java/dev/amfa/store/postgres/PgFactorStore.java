package dev.amfa.store.postgres;

import dev.amfa.store.FactorStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Enrolled factors in PostgreSQL: TOTP secrets sealed (AES-GCM, by the caller), recovery codes as keyed hashes.
 * A TOTP step and a recovery code are each taken by one conditional UPDATE: the same code never passes twice,
 * not even on two nodes at once.
 */
public final class PgFactorStore implements FactorStore {
    private final Pool pool;

    public PgFactorStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> saveTotp(String org, String userId, byte[] sealedSecret) {
        // Beside a confirmed secret the new one waits as pending; an unconfirmed one is replaced.
        return pool.preparedQuery("INSERT INTO totp_factors (org, user_id, sealed_secret) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (org, user_id) DO UPDATE SET "
                        + "pending_secret = CASE WHEN totp_factors.confirmed THEN EXCLUDED.sealed_secret END, "
                        + "sealed_secret = CASE WHEN totp_factors.confirmed THEN totp_factors.sealed_secret ELSE EXCLUDED.sealed_secret END, "
                        + "last_step = CASE WHEN totp_factors.confirmed THEN totp_factors.last_step ELSE -1 END, "
                        + "created_at = CASE WHEN totp_factors.confirmed THEN totp_factors.created_at ELSE now() END")
                .execute(Tuple.of(org, userId, Buffer.buffer(sealedSecret))).mapEmpty();
    }

    @Override
    public Future<Boolean> confirmPendingTotp(String org, String userId, byte[] sealedPending, long step) {
        return pool.preparedQuery("UPDATE totp_factors SET sealed_secret = pending_secret, pending_secret = NULL, "
                        + "confirmed = true, last_step = $4, created_at = now() "
                        + "WHERE org = $1 AND user_id = $2 AND pending_secret = $3")
                .execute(Tuple.of(org, userId, Buffer.buffer(sealedPending), step)).map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<TotpEnrolment> totp(String org, String userId) {
        return pool.preparedQuery("SELECT sealed_secret, confirmed, last_step, pending_secret FROM totp_factors "
                        + "WHERE org = $1 AND user_id = $2")
                .execute(Tuple.of(org, userId))
                .map(rows -> {
                    if (rows.rowCount() == 0) return null;
                    Row row = rows.iterator().next();
                    Buffer pending = row.getBuffer("pending_secret");
                    return new TotpEnrolment(row.getBuffer("sealed_secret").getBytes(), row.getBoolean("confirmed"),
                            row.getLong("last_step"), pending == null ? null : pending.getBytes());
                });
    }

    @Override
    public Future<Boolean> useTotpStep(String org, String userId, long step, boolean confirming) {
        return pool.preparedQuery("UPDATE totp_factors SET last_step = $3, confirmed = true "
                        + "WHERE org = $1 AND user_id = $2 AND last_step < $3 AND (confirmed OR $4)")
                .execute(Tuple.of(org, userId, step, confirming)).map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<Void> replaceRecoveryCodes(String org, String userId, List<byte[]> hashes) {
        List<Tuple> batch = new ArrayList<>(hashes.size());
        for (byte[] hash : hashes) batch.add(Tuple.of(org, userId, Buffer.buffer(hash)));
        return pool.withTransaction(connection -> connection
                .preparedQuery("DELETE FROM recovery_codes WHERE org = $1 AND user_id = $2").execute(Tuple.of(org, userId))
                .compose(deleted -> hashes.isEmpty() ? Future.succeededFuture() : connection
                        .preparedQuery("INSERT INTO recovery_codes (org, user_id, code_hash) VALUES ($1, $2, $3)")
                        .executeBatch(batch))
                .mapEmpty());
    }

    @Override
    public Future<List<byte[]>> unusedRecoveryCodes(String org, String userId) {
        return pool.preparedQuery("SELECT code_hash FROM recovery_codes WHERE org = $1 AND user_id = $2 AND used_at IS NULL")
                .execute(Tuple.of(org, userId))
                .map(rows -> {
                    List<byte[]> hashes = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) hashes.add(row.getBuffer("code_hash").getBytes());
                    return hashes;
                });
    }

    @Override
    public Future<Boolean> useRecoveryCode(String org, String userId, byte[] hash) {
        return pool.preparedQuery("UPDATE recovery_codes SET used_at = now() "
                        + "WHERE org = $1 AND user_id = $2 AND code_hash = $3 AND used_at IS NULL")
                .execute(Tuple.of(org, userId, Buffer.buffer(hash))).map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<Void> erase(String org, String userId) {
        Tuple user = Tuple.of(org, userId);
        return pool.withTransaction(connection -> connection
                .preparedQuery("DELETE FROM totp_factors WHERE org = $1 AND user_id = $2").execute(user)
                .compose(done -> connection.preparedQuery("DELETE FROM recovery_codes WHERE org = $1 AND user_id = $2")
                        .execute(user))
                .mapEmpty());
    }
}
