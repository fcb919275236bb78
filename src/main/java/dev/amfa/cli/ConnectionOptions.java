package dev.amfa.cli;

import dev.amfa.evaluation.RequestTime;
import dev.amfa.http.ConnectionLimits;
import picocli.CommandLine.Option;

import java.time.Duration;

/** serve's options for what a client may hold (connections, timeouts) and how far its clock may be off. */
final class ConnectionOptions {
    @Option(names = "--header-timeout-seconds", defaultValue = "${env:AMFA_HEADER_TIMEOUT_SECONDS:-10}",
            description = "A connection's request headers must be complete within this (AMFA_HEADER_TIMEOUT_SECONDS).")
    long headerTimeoutSeconds;

    @Option(names = "--body-timeout-seconds", defaultValue = "${env:AMFA_BODY_TIMEOUT_SECONDS:-30}",
            description = "A request body must be complete within this after its headers (AMFA_BODY_TIMEOUT_SECONDS).")
    long bodyTimeoutSeconds;

    @Option(names = "--idle-timeout-seconds", defaultValue = "${env:AMFA_IDLE_TIMEOUT_SECONDS:-60}",
            description = "A kept-alive connection's next request must come within this (AMFA_IDLE_TIMEOUT_SECONDS).")
    long idleTimeoutSeconds;

    @Option(names = "--max-connections", defaultValue = "${env:AMFA_MAX_CONNECTIONS:-0}",
            description = "Open connections at most; 0: 10,000 or half the file-descriptor limit (AMFA_MAX_CONNECTIONS).")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "${env:AMFA_MAX_CONNECTIONS_PER_ADDRESS:-1000}",
            description = "Open connections of one client address at most; 0: no cap, e.g. behind a proxy (AMFA_MAX_CONNECTIONS_PER_ADDRESS).")
    int maxPerAddress;

    @Option(names = "--max-clock-skew-seconds", defaultValue = "${env:AMFA_MAX_CLOCK_SKEW_SECONDS:-300}",
            description = "An evaluation's timestamp may be this far ahead of the server's clock (AMFA_MAX_CLOCK_SKEW_SECONDS).")
    long maxClockSkewSeconds;

    @Option(names = "--max-timestamp-age-days", defaultValue = "${env:AMFA_MAX_TIMESTAMP_AGE_DAYS:-365}",
            description = "An evaluation's timestamp may be this old (replays) (AMFA_MAX_TIMESTAMP_AGE_DAYS).")
    long maxTimestampAgeDays;

    /** @throws IllegalArgumentException for a timeout or cap that cannot work */
    ConnectionLimits limits() {
        return new ConnectionLimits(Duration.ofSeconds(headerTimeoutSeconds), Duration.ofSeconds(bodyTimeoutSeconds),
                Duration.ofSeconds(idleTimeoutSeconds),
                maxConnections == 0 ? ConnectionLimits.defaultMaxConnections() : maxConnections, maxPerAddress);
    }

    /** @throws IllegalArgumentException for a negative skew or an age that is not positive */
    RequestTime requestTime() {
        return new RequestTime(Duration.ofSeconds(maxClockSkewSeconds), Duration.ofDays(maxTimestampAgeDays));
    }
}
