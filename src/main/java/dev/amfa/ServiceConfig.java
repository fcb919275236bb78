package dev.amfa;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a service instance is configured with; built by the serve command from flags and environment
 * variables, and by tests directly.
 *
 * @param geoipCity      City databases, searched in order (the default download has one file per address family)
 * @param geoipAnonymous MaxMind Anonymous-IP database, or null for none
 * @param echo           also serve POST /bench/echo, the benchmark's baseline
 */
public record ServiceConfig(
        String host,
        int port,
        Path rulesDir,
        Path policiesDir,
        Path ipListsDir,
        List<Path> geoipCity,
        Path geoipAnonymous,
        String store,
        int bodyLimit,
        int eventLoops,
        Duration outcomeRetention,
        boolean echo) {

    public ServiceConfig {
        geoipCity = List.copyOf(geoipCity);
    }

    public ServiceConfig withPort(int newPort) {
        return new ServiceConfig(host, newPort, rulesDir, policiesDir, ipListsDir, geoipCity, geoipAnonymous, store,
                bodyLimit, eventLoops, outcomeRetention, echo);
    }
}
