package dev.amfa.store;

import io.vertx.core.Future;

import java.time.Instant;

/** The service's own traffic: failed logins per IP, across orgs (credential stuffing does not stop at an org). */
public interface VelocityStore {

    Future<IpVelocity> failuresFrom(String ip, Instant since);

    /** @param userKey identifies the user across orgs (org and user id) */
    Future<Void> recordFailure(String ip, String userKey, Instant at);

    /** Forgets every failure counted for the user (org and user id, as in recordFailure), whatever the IP. */
    Future<Void> clearUser(String userKey);

    /** The user key failures are recorded and cleared under: users are scoped by org. */
    static String userKey(String org, String userId) {
        return org + "/" + userId;
    }
}
