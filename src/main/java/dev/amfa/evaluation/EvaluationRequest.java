package dev.amfa.evaluation;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Transaction;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A validated POST /v1/evaluate body; {@code reportedSignals} are the caller's own signals ("signals"). */
public record EvaluationRequest(
        String org,
        String userId,
        String email,
        List<String> roles,
        Map<String, Object> attributes,
        List<String> enrolledFactors,
        InetAddress ip,
        String userAgent,
        String deviceId,
        String fingerprint,
        Instant timestamp,
        String flow,
        String application,
        Transaction transaction,
        List<String> mfaSessionFactors,
        List<Assessment> reportedSignals) {
}
