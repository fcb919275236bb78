package dev.amfa.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real service, as an operator runs it: {@code java -jar target/amfa-all.jar serve} with an API key for
 * Keycloak and an admin token for reading its decision log; MaxMind's test City database (so addresses have
 * known places) and the service tests' IP lists (175.16.199.0/24 is on an abuse deny list).
 */
final class AmfaProcess implements AutoCloseable {
    static final String WARM_UP_ORG = "warm-up";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    final int port;
    private final Path log;
    private Process process;

    AmfaProcess(Path workDir) throws IOException {
        this.port = TestSetup.freePort();
        this.log = workDir.resolve("amfa.log");
        Files.createDirectories(workDir.resolve("policies"));
        Path jar = TestSetup.ROOT.resolve("target/amfa-all.jar");
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: build the service first (./mvnw package)");
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-jar", jar.toString(), "serve",
                "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--rules-dir", TestSetup.ROOT.resolve("rules").toString(),
                "--policies-dir", workDir.resolve("policies").toString(),
                "--ip-lists-dir", TestSetup.ROOT.resolve("src/test/resources/http-lists").toString(),
                "--geoip-city", TestSetup.ROOT.resolve("src/test/resources/geoip/GeoIP2-City-Test.mmdb").toString(),
                "--api-keys", TestSetup.apiKeysFlag(), "--admin-token", TestSetup.ADMIN_TOKEN,
                "--demo", "false", "--watch", "false"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        process = builder.start();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url() + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("amfa did not start:\n" + Files.readString(log));
    }

    /**
     * A few evaluations of a throwaway org, so the first login does not pay the service's start-up (class
     * loading, the rules' first run): measured here, the first evaluate after start took over a second.
     */
    void warmUp(int evaluations) throws IOException, InterruptedException {
        for (int i = 0; i < evaluations; i++) {
            String body = JSON.createObjectNode().put("org", WARM_UP_ORG).put("ip", "2.125.160.216")
                    .set("user", JSON.createObjectNode().put("id", "warm-up-" + i)).toString();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/v1/evaluate"))
                    .header("Authorization", "Bearer " + TestSetup.API_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new AssertionError("warm-up evaluate: " + response.statusCode() + " " + response.body());
        }
    }

    /** GET an admin endpoint, e.g. {@code /v1/decisions?org=...}. */
    JsonNode admin(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery))
                .header("Authorization", "Bearer " + TestSetup.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new AssertionError(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** The user's decisions, oldest first, each with its events (outcome). */
    List<JsonNode> decisionsOf(String userId) throws IOException, InterruptedException {
        List<JsonNode> whole = new java.util.ArrayList<>();
        for (JsonNode decision : admin("/v1/decisions?org=" + TestSetup.REALM + "&user=" + userId + "&limit=100").path("decisions")) {
            whole.add(0, admin("/v1/decisions/" + decision.path("evaluation_id").asText()));
        }
        return whole;
    }

    void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        process = null;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
