package dev.amfa.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Keycloak of the Maven-unpacked distribution with the provider jar in {@code providers/}: built
 * once per provider jar ({@code kc.sh build}, skipped when this jar was built in already), then started
 * {@code --optimized} with an empty {@code data/} (an existing realm would make {@code --import-realm} skip
 * ours), the given realm in {@code data/import/}, X-Forwarded-For trusted from this host (so a test chooses
 * the client's address) and a bootstrap admin for the admin API and console.
 */
final class KeycloakProcess implements AutoCloseable {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-it-password";
    /** Build-time options; a change here needs a rebuild, which the marker's name forces. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    final int port;
    private final Path log;
    private Process process;

    KeycloakProcess(Path workDir, int port, List<JsonNode> realms, Map<String, String> env) throws Exception {
        Path home = TestSetup.KEYCLOAK_HOME;
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(home + " has no Keycloak: `mvn verify` unpacks keycloak-quarkus-dist there");
        }
        this.port = port;
        this.log = workDir.resolve("keycloak.log");
        buildOnce(home, workDir);
        deleteRecursively(home.resolve("data"));
        Path imports = Files.createDirectories(home.resolve("data/import"));
        for (JsonNode realm : realms) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(imports.resolve(realm.path("realm").asText() + "-realm.json").toFile(), realm);
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + TestSetup.freePort(),
                "--hostname=" + url(port),
                "--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.0/8",
                // one node: no JGroups discovery or cluster encryption to set up (a third of the start time here)
                "--cache=local",
                "--import-realm", "--log-level=INFO,dev.amfa:DEBUG"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        process = builder.start();
    }

    private void buildOnce(Path home, Path workDir) throws Exception {
        Path providers = Files.createDirectories(home.resolve("providers"));
        Path installed = providers.resolve("amfa-keycloak.jar");
        // Copied only when it changed: a provider jar newer than the build makes `start --optimized` exit (2)
        // after "A provider JAR was updated since the last build". The module's jar is reproducible.
        if (!Files.exists(installed) || Files.mismatch(installed, TestSetup.PROVIDER_JAR) != -1) {
            Files.copy(TestSetup.PROVIDER_JAR, installed, StandardCopyOption.REPLACE_EXISTING);
        }
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((String.join(" ", BUILD_OPTIONS) + "\n").getBytes(StandardCharsets.UTF_8)))
                .substring(0, 12) + "-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(installed))).substring(0, 16);
        Path marker = home.resolve(".amfa-built-" + digest);
        if (Files.exists(marker)) return;
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        Path buildLog = workDir.resolve("keycloak-build.log");
        Process build = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(buildLog.toFile()).start();
        if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new AssertionError("kc.sh build failed:\n" + Files.readString(buildLog));
        }
        try (Stream<Path> old = Files.list(home)) {
            for (Path stale : old.filter(p -> p.getFileName().toString().startsWith(".amfa-built-")).toList()) Files.delete(stale);
        }
        Files.createFile(marker);
    }

    String url() {
        return url(port);
    }

    /** localhost, not 127.0.0.1: Chromium keeps Keycloak's Secure cookies over http only on localhost. */
    static String url(int port) {
        return "http://localhost:" + port;
    }

    void awaitReady(String realm) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        URI wellKnown = URI.create(url() + "/realms/" + realm + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(wellKnown).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Keycloak did not start:\n" + log());
    }

    /** An admin REST call (GET) with a token of the bootstrap admin. */
    JsonNode admin(String path) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password="
                + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(url() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) throw new AssertionError("admin token: " + token.statusCode() + " " + token.body());
        String accessToken = JSON.readTree(token.body()).path("access_token").asText();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/admin" + path))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** The realm's login events of one user, newest first (type LOGIN, LOGIN_ERROR, ...). */
    JsonNode events(String realm, String userId) throws IOException, InterruptedException {
        return admin("/realms/" + realm + "/events?user=" + userId + "&max=100");
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) return;
        // kc.sh execs java; SIGTERM stops Quarkus cleanly. Its children (none expected) go with it.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }
}
