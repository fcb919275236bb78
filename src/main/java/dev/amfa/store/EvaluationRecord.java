package dev.amfa.store;

import dev.amfa.geo.Place;

import java.time.Instant;

/**
 * What an evaluation must remember until its outcome is reported: what a success teaches and what a failure
 * counts against. {@code device} and {@code place} are null when the login had none.
 */
public record EvaluationRecord(String id, String org, String userId, String ip, Instant at,
                               KnownDevice device, Place place) {
}
