package dev.amfa.decisions;

import java.nio.file.Path;
import java.util.List;

/**
 * How decisions are logged: where a copy goes for a SIEM, how IPs appear, and the bounds of the in-memory log
 * and of the PostgreSQL writer's queue.
 *
 * @param jsonLines     a file to append one JSON line per decision and event to, "stdout", or null for none
 * @param ipMode        keep | truncate (IPv4 /24, IPv6 /48) | hash (keyed SHA-256 of the address)
 * @param ipHashKey     the key of the hash; nodes that share it give one address one hash
 * @param memoryPerOrg  decisions the in-memory log keeps per org (replays, search, statistics)
 * @param queueSize     decisions waiting for the PostgreSQL writer; past it new ones are counted and dropped
 * @param batchSize     rows per INSERT of the PostgreSQL writer
 * @param retentionDays decisions older than this are deleted (PostgreSQL)
 * @param memoryBytes   the estimated heap all decisions the in-memory log keeps may hold
 */
public record DecisionLogSettings(Path jsonLines, String ipMode, String ipHashKey, int memoryPerOrg, int queueSize,
                                  int batchSize, int retentionDays, long memoryBytes) {
    public static final List<String> IP_MODES = List.of("keep", "truncate", "hash");
    public static final DecisionLogSettings DEFAULTS =
            new DecisionLogSettings(null, "keep", "", 10_000, 50_000, 500, 90, InMemoryDecisionLog.DEFAULT_MAX_BYTES);

    /** With the default byte bound of the in-memory log. */
    public DecisionLogSettings(Path jsonLines, String ipMode, String ipHashKey, int memoryPerOrg, int queueSize,
                               int batchSize, int retentionDays) {
        this(jsonLines, ipMode, ipHashKey, memoryPerOrg, queueSize, batchSize, retentionDays, InMemoryDecisionLog.DEFAULT_MAX_BYTES);
    }

    public DecisionLogSettings {
        if (!IP_MODES.contains(ipMode)) {
            throw new IllegalArgumentException("decision log IP mode '" + ipMode + "': expected one of " + IP_MODES);
        }
        if (memoryPerOrg < 1 || queueSize < 1 || batchSize < 1 || retentionDays < 1 || memoryBytes < 1) {
            throw new IllegalArgumentException("decision log sizes and retention must be positive");
        }
        ipHashKey = ipHashKey == null ? "" : ipHashKey;
        if (ipMode.equals("hash") && ipHashKey.isBlank()) {
            // A hash under a key anyone knows is no protection: 2^32 IPv4 addresses are tried in minutes.
            throw new IllegalArgumentException("decision log IP mode hash needs a secret key "
                    + "(--decision-log-ip-hash-key / AMFA_DECISION_LOG_IP_HASH_KEY), the same on every node");
        }
    }

    public boolean toStdout() {
        return jsonLines != null && jsonLines.toString().equals("stdout");
    }

    @Override
    public String toString() {
        // The hash key is a secret: an address space as small as IPv4 is enumerable without it.
        return "DecisionLogSettings[" + jsonLines + ", ip " + ipMode + ", memory " + memoryPerOrg + "/org, queue "
                + queueSize + ", " + memoryBytes / (1024 * 1024) + " MiB in memory, batch " + batchSize + ", " + retentionDays + " days]";
    }
}
