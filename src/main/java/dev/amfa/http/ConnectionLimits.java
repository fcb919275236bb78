package dev.amfa.http;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * What one client may hold of the server. Without these, 19,990 connections that never finished their headers
 * (no credential needed) used up the process's 20,000 file descriptors and /health and evaluate stopped
 * answering for everyone; unfinished headers, trickled bodies and idle connections stayed open 70 s and more.
 *
 * @param headerTimeout  a connection's first request line and headers must be complete within this
 * @param bodyTimeout    a request's body must be complete within this once its headers are
 * @param idleTimeout    a kept-alive connection must start its next request within this (and one where no byte
 *                       moves either way for this long is closed)
 * @param maxConnections open connections at most; beyond them a few more are let in only to be answered 503
 *                       (see {@link ConnectionGuard}), the rest are closed at once
 * @param maxPerAddress  open connections of one client address at most, beyond them closed at once; 0 for no
 *                       cap (behind a proxy every connection comes from its address)
 */
public record ConnectionLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections,
                               int maxPerAddress) {
    /** The total cap when the file-descriptor limit allows it. */
    static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    public ConnectionLimits {
        for (Duration timeout : new Duration[] {headerTimeout, bodyTimeout, idleTimeout}) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("connection timeouts must be positive");
        }
        if (maxConnections < 1) throw new IllegalArgumentException("the connection cap must be at least 1, was " + maxConnections);
        if (maxPerAddress < 0) throw new IllegalArgumentException("the per-address cap must not be negative, was " + maxPerAddress);
    }

    /** 10 s for headers, 30 s for a body, 60 s idle; 10,000 connections (or half the descriptors), 1,000 per address. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                defaultMaxConnections(), 1_000);
    }

    /**
     * 10,000, or half the process's file-descriptor limit when that is lower: the other half is for the
     * database pool, GeoIP files, the policies being watched, and the connections answered 503.
     */
    public static int defaultMaxConnections() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long half = unix.getMaxFileDescriptorCount() / 2;
            if (half > 0) return (int) Math.min(DEFAULT_MAX_CONNECTIONS, half);
        }
        return DEFAULT_MAX_CONNECTIONS;
    }

    @Override
    public String toString() {
        return "connections[at most " + maxConnections + ", " + (maxPerAddress == 0 ? "any" : maxPerAddress)
                + " per address; headers " + headerTimeout.toSeconds() + " s, body " + bodyTimeout.toSeconds()
                + " s, idle " + idleTimeout.toSeconds() + " s]";
    }
}
