package dev.amfa;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real service for tests: the shipped rules, MaxMind's public test databases (src/test/resources/geoip,
 * copied from shared/geoip), test IP lists, the in-memory store, on a random port. With the system property
 * {@code amfa.test.store=postgres} (the pom's on-postgres run) a service configured for the in-memory store
 * runs on the local PostgreSQL instead, in a schema of its own dropped when it closes.
 */
public final class TestService implements AutoCloseable {
    public static final Path GEOIP = Path.of("src/test/resources/geoip");
    public static final Path CITY_DB = GEOIP.resolve("GeoIP2-City-Test.mmdb");
    public static final Path ANONYMOUS_DB = GEOIP.resolve("GeoIP2-Anonymous-IP-Test.mmdb");

    public static final String ADMIN_TOKEN = "test-admin-token";

    /** "postgres" to run every in-memory test service on the database instead. */
    public static final String STORE = System.getProperty("amfa.test.store", "memory");

    private final Vertx vertx;
    private final Service service;
    private final HttpServer server;
    private final WebClient client;
    private final AutoCloseable schema;
    private final dev.amfa.http.ConnectionGuard connections;

    private TestService(Vertx vertx, Service service, HttpServer server, AutoCloseable schema,
                        dev.amfa.http.ConnectionGuard connections) {
        this.vertx = vertx;
        this.service = service;
        this.server = server;
        this.schema = schema;
        this.connections = connections;
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()));
    }

    public static ServiceConfig config() {
        return new ServiceConfig("127.0.0.1", 0, Path.of("rules"), Path.of("policies"),
                Path.of("src/test/resources/http-lists"), List.of(CITY_DB), ANONYMOUS_DB, "memory", null, 16 * 1024, 1,
                Duration.ofHours(1), Duration.ofDays(90), ADMIN_TOKEN, List.of(), false, true,
                dev.amfa.challenges.ChallengeSettings.defaults(), null, null, null, null);
    }

    public static TestService start() {
        return start(config());
    }

    public static TestService start(ServiceConfig config) {
        Vertx vertx = dev.amfa.metrics.MetricsVertx.create(new io.vertx.core.VertxOptions());
        dev.amfa.store.postgres.PgSchema schema = null;
        if (STORE.equals("postgres") && config.store().equals("memory")) {
            schema = new dev.amfa.store.postgres.PgSchema(vertx);
            config = config.withStore("postgres", schema.url());
        }
        Service service = await(Service.start(vertx, config));
        // The caps and timeouts the serve command runs with, so every HTTP test goes through them.
        var connections = new dev.amfa.http.ConnectionGuard(vertx, config.connections(), service.status());
        HttpServer server = await(connections.server(Main.routing(vertx, service), "127.0.0.1", 0).listen());
        return new TestService(vertx, service, server, schema, connections);
    }

    public Service service() {
        return service;
    }

    public dev.amfa.http.ConnectionGuard connections() {
        return connections;
    }

    public int port() {
        return server.actualPort();
    }

    public HttpResponse<Buffer> post(String path, JsonObject body) {
        return await(client.post(path).sendJsonObject(body));
    }

    public HttpResponse<Buffer> postRaw(String path, String body) {
        return await(client.post(path).putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body)));
    }

    public HttpResponse<Buffer> get(String path) {
        return await(client.get(path).send());
    }

    /** A request with a bearer credential (null for none) and a JSON body (null for none). */
    public HttpResponse<Buffer> call(io.vertx.core.http.HttpMethod method, String path, String bearer, JsonObject body) {
        var request = client.request(method, path);
        if (bearer != null) request.putHeader("Authorization", "Bearer " + bearer);
        return await(body == null ? request.send() : request.sendJsonObject(body));
    }

    public HttpResponse<Buffer> admin(io.vertx.core.http.HttpMethod method, String path, JsonObject body) {
        return call(method, path, ADMIN_TOKEN, body);
    }

    /** A copy of the shipped rules/ and an empty policies/ under {@code dir}, for tests that change them. */
    public static ServiceConfig withOwnPolicies(java.nio.file.Path dir, boolean watch) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("policies"));
        return config().withPolicies(copyRules(dir), dir.resolve("policies"), watch);
    }

    /** A copy of the shipped baseline (the files of rules/, not its ip-lists) as {@code dir}/rules, for tests that edit it. */
    public static Path copyRules(Path dir) throws java.io.IOException {
        Path rules = java.nio.file.Files.createDirectories(dir.resolve("rules"));
        try (var files = java.nio.file.Files.list(Path.of("rules"))) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        return rules;
    }

    /** Polls every 20 ms until the condition holds; false when it did not within the limit. */
    public static boolean eventually(Duration limit, java.util.function.BooleanSupplier condition) {
        java.time.Instant deadline = java.time.Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (java.time.Instant.now().isAfter(deadline)) return false;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * A hang still fails the test, but not a slow machine: the first service of a JVM compiles every policy and
     * warms the baseline, which took over 30 s at a load average of 20 (several builds on two cores).
     */
    public static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.await(90, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within 90 s", e);
        }
    }

    @Override
    public void close() {
        client.close();
        connections.close();
        service.close();
        if (schema != null) {
            try {
                schema.close();
            } catch (Exception e) {
                throw new IllegalStateException("dropping the test schema failed", e);
            }
        }
        await(vertx.close());
    }
}
