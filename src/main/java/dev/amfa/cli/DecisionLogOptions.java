package dev.amfa.cli;

import dev.amfa.decisions.DecisionLogSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** serve's options for the decision log: the SIEM copy, how IPs are kept, bounds and retention. */
final class DecisionLogOptions {
    @Option(names = "--decision-log-jsonl", defaultValue = "${env:AMFA_DECISION_LOG_JSONL:-}",
            description = "Also write every decision and event as JSON lines to this file, or stdout (AMFA_DECISION_LOG_JSONL).")
    String decisionLogJsonl;

    @Option(names = "--decision-log-ip", defaultValue = "${env:AMFA_DECISION_LOG_IP:-keep}",
            description = "IPs in the decision log: keep, truncate (/24, /48) or hash (AMFA_DECISION_LOG_IP).")
    String decisionLogIp;

    @Option(names = "--decision-log-ip-hash-key", defaultValue = "${env:AMFA_DECISION_LOG_IP_HASH_KEY:-}",
            description = "Key of the IP hash; the same on every node (AMFA_DECISION_LOG_IP_HASH_KEY).")
    String decisionLogIpHashKey;

    @Option(names = "--decision-log-memory", defaultValue = "${env:AMFA_DECISION_LOG_MEMORY:-10000}",
            description = "Decisions per org the in-memory log keeps (AMFA_DECISION_LOG_MEMORY).")
    int decisionLogMemory;

    @Option(names = "--decision-log-memory-mb", defaultValue = "${env:AMFA_DECISION_LOG_MEMORY_MB:-512}",
            description = "Heap (MiB, estimated) all decisions the in-memory log keeps may hold; past it the oldest of "
                    + "the org holding the most go first (AMFA_DECISION_LOG_MEMORY_MB).")
    long decisionLogMemoryMb;

    @Option(names = "--decision-log-queue", defaultValue = "${env:AMFA_DECISION_LOG_QUEUE:-50000}",
            description = "Decisions waiting to be written; more are dropped and counted (AMFA_DECISION_LOG_QUEUE).")
    int decisionLogQueue;

    @Option(names = "--decision-log-batch", defaultValue = "${env:AMFA_DECISION_LOG_BATCH:-500}",
            description = "Decisions per database write (AMFA_DECISION_LOG_BATCH).")
    int decisionLogBatch;

    @Option(names = "--decision-log-retention-days", defaultValue = "${env:AMFA_DECISION_LOG_RETENTION_DAYS:-90}",
            description = "Days the database keeps decisions (AMFA_DECISION_LOG_RETENTION_DAYS).")
    int decisionLogRetentionDays;

    /** @throws IllegalArgumentException for impossible settings */
    DecisionLogSettings settings() {
        return new DecisionLogSettings(decisionLogJsonl.isBlank() ? null : Path.of(decisionLogJsonl.strip()),
                decisionLogIp, decisionLogIpHashKey, decisionLogMemory, decisionLogQueue, decisionLogBatch,
                decisionLogRetentionDays, decisionLogMemoryMb * 1024 * 1024);
    }
}
