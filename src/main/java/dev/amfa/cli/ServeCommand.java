package dev.amfa.cli;

import dev.amfa.Service;
import dev.amfa.ServiceConfig;
import dev.amfa.ServiceRunner;
import dev.amfa.callers.ApiKey;
import dev.amfa.engine.RuleCompilationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code amfa serve}: runs the service until SIGTERM. Every flag has an AMFA_* environment variable. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the evaluation service (in-memory store by default).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "${env:AMFA_HOST:-0.0.0.0}", description = "Listen address (AMFA_HOST).")
    String host;

    @Option(names = "--port", defaultValue = "${env:AMFA_PORT:-8080}", description = "HTTP port (AMFA_PORT).")
    int port;

    @Option(names = "--rules-dir", defaultValue = "${env:AMFA_RULES_DIR:-rules}",
            description = "Baseline DRL and signals.properties (AMFA_RULES_DIR).")
    Path rulesDir;

    @Option(names = "--policies-dir", defaultValue = "${env:AMFA_POLICIES_DIR:-policies}",
            description = "One folder of DRL per org (AMFA_POLICIES_DIR).")
    Path policiesDir;

    @Option(names = "--ip-lists-dir", defaultValue = "${env:AMFA_IP_LISTS_DIR:-}",
            description = "Deny/allow lists, deny/ and allow/ (AMFA_IP_LISTS_DIR; default <rules-dir>/ip-lists).")
    String ipListsDir;

    @Option(names = "--geoip-city", defaultValue = "${env:AMFA_GEOIP_CITY:-}", split = ",",
            description = "GeoIP City database files, comma-separated (AMFA_GEOIP_CITY).")
    List<String> geoipCity;

    @Option(names = "--geoip-anonymous", defaultValue = "${env:AMFA_GEOIP_ANONYMOUS:-}",
            description = "MaxMind Anonymous-IP database, optional (AMFA_GEOIP_ANONYMOUS).")
    String geoipAnonymous;

    @Option(names = "--store", defaultValue = "${env:AMFA_STORE:-memory}",
            description = "Store: memory or postgres (AMFA_STORE).")
    String store;

    @Option(names = "--pg-url", defaultValue = "${env:AMFA_PG_URL:-}",
            description = "PostgreSQL for the postgres store, postgresql://user@host:5432/db (AMFA_PG_URL).")
    String pgUrl;

    @Option(names = "--body-limit", defaultValue = "${env:AMFA_BODY_LIMIT:-65536}",
            description = "Largest request body in bytes (AMFA_BODY_LIMIT).")
    int bodyLimit;

    @Option(names = "--event-loops", defaultValue = "${env:AMFA_EVENT_LOOPS:-0}",
            description = "Event loops and server instances; 0 = one per core (AMFA_EVENT_LOOPS).")
    int eventLoops;

    @Option(names = "--outcome-retention-minutes", defaultValue = "${env:AMFA_OUTCOME_RETENTION_MINUTES:-60}",
            description = "How long an evaluation accepts its outcome (AMFA_OUTCOME_RETENTION_MINUTES).")
    long outcomeRetentionMinutes;

    @Option(names = "--retention-days", defaultValue = "${env:AMFA_RETENTION_DAYS:-90}",
            description = "Days of login history and failures the database keeps (AMFA_RETENTION_DAYS).")
    long retentionDays;

    @Option(names = "--admin-token", defaultValue = "${env:AMFA_ADMIN_TOKEN:-}",
            description = "Bearer token of the admin API /v1/admin; unset disables it (AMFA_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--api-keys", defaultValue = "${env:AMFA_API_KEYS:-}",
            description = "API keys of the calling services and the orgs each may act for: name@org[+org...]=key or "
                    + "name@*=key (every org), comma-separated; unset: the caller API answers this host only (AMFA_API_KEYS).")
    String apiKeys;

    @Option(names = "--watch", defaultValue = "${env:AMFA_WATCH:-true}", arity = "1",
            description = "Reload rules/ and policies/ when their files change (AMFA_WATCH).")
    boolean watch;

    @Option(names = "--bench-echo", defaultValue = "${env:AMFA_BENCH_ECHO:-false}",
            description = "Also serve POST /bench/echo, the benchmark's baseline (AMFA_BENCH_ECHO).")
    boolean echo;

    @Mixin
    ChallengeOptions challengeOptions;

    @Mixin
    DecisionLogOptions decisionLogOptions;

    @Mixin
    SandboxOptions sandboxOptions;

    @Mixin
    ConnectionOptions connectionOptions;

    @Override
    public Integer call() {
        ServiceConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            System.err.println("amfa: " + e.getMessage());
            return 2;
        }
        try {
            ServiceRunner.runUntilStopped(config);
            return 0;
        } catch (RuleCompilationException e) {
            System.err.println("amfa: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("amfa: cannot start: " + e.getMessage());
            return 1;
        }
    }

    /** @throws IllegalArgumentException for settings that cannot work together or at all */
    private ServiceConfig config() {
        return new ServiceConfig(host, port, rulesDir, policiesDir,
                ipListsDir.isBlank() ? rulesDir.resolve("ip-lists") : Path.of(ipListsDir),
                paths(geoipCity), geoipAnonymous.isBlank() ? null : Path.of(geoipAnonymous), store,
                pgUrl.isBlank() ? null : pgUrl.strip(), bodyLimit,
                eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors(),
                Duration.ofMinutes(outcomeRetentionMinutes), Duration.ofDays(retentionDays), adminToken.isBlank() ? null : adminToken.strip(),
                ApiKey.parse(apiKeys), watch, echo, challengeOptions.settings(), decisionLogOptions.settings(),
                sandboxOptions.settings(), connectionOptions.requestTime(), connectionOptions.limits());
    }

    private static List<Path> paths(List<String> values) {
        return values == null ? List.of() : values.stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip).filter(v -> !v.isEmpty()).map(Path::of).toList();
    }
}
