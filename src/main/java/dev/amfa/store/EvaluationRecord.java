package dev.amfa.store;

import dev.amfa.geo.Place;

import java.time.Instant;
import java.util.List;

/**
 * What an evaluation must remember until its outcome is reported: what a success teaches, what a failure
 * counts against, and what a challenge of it needs. {@code device} and {@code place} are null when the login
 * had none.
 *
 * @param action          the enforced action (allow, challenge, deny): an unenforced decision is an allow
 * @param factors         the factors the decision allows, in order of preference; empty unless it challenges
 * @param email           the user's email address as the caller gave it, or null
 * @param enrolledFactors what the caller said the user has enrolled
 * @param service         the calling service that asked (its key's name): only it, or the admin, may report the
 *                        outcome or challenge it; null for records of an older version (the admin's alone)
 */
public record EvaluationRecord(String id, String org, String userId, String ip, Instant at,
                               KnownDevice device, Place place, String action, List<String> factors, String email,
                               List<String> enrolledFactors, String service) {
    public EvaluationRecord {
        factors = factors == null ? List.of() : List.copyOf(factors);
        enrolledFactors = enrolledFactors == null ? List.of() : List.copyOf(enrolledFactors);
    }

    /** A record with no challenge data: an allow. */
    public EvaluationRecord(String id, String org, String userId, String ip, Instant at, KnownDevice device, Place place,
                            String service) {
        this(id, org, userId, ip, at, device, place, "allow", List.of(), null, List.of(), service);
    }
}
