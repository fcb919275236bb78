package dev.amfa.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * amfa's HTTP API as the provider uses it: a blocking evaluate bounded by the realm's timeout, and
 * fire-and-forget outcome reports. One JDK client for the whole server, so connections to amfa are kept
 * alive between logins (a new TCP connection per login would add its handshake to every evaluate).
 */
public final class AmfaClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    /** Outcome reports run off the login; they get more time than an evaluate, nobody waits for them. */
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(5);

    private AmfaClient() {
    }

    /** Why amfa gave no decision; the message is for the server log and the event, never for the user. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    public static Decision evaluate(AmfaSettings settings, ObjectNode body) throws Unavailable {
        HttpResponse<String> response;
        try {
            response = HTTP.send(post(settings, "/v1/evaluate", body, settings.timeout()), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new Unavailable("no answer within " + settings.timeout().toMillis() + " ms");
        } catch (IOException e) {
            throw new Unavailable("unreachable at " + settings.baseUrl() + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        if (response.statusCode() != 200) {
            // 4xx is our configuration or our request (a wrong API key, an org amfa refuses): amfa's error
            // body names the field and the reason, which is what an administrator needs in the log.
            throw new Unavailable("answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        try {
            return Decision.parse(JSON.readTree(response.body()));
        } catch (IOException | IllegalArgumentException e) {
            throw new Unavailable("answered something that is not a decision: " + abbreviate(response.body()));
        }
    }

    /** Reports a login's outcome; never throws, the future says how it went (for the log). */
    public static CompletableFuture<HttpResponse<String>> reportOutcome(AmfaSettings settings, String evaluationId,
                                                                         String result, String mfa) {
        ObjectNode body = JSON.createObjectNode().put("result", result).put("mfa", mfa);
        return HTTP.sendAsync(post(settings, "/v1/evaluations/" + evaluationId + "/outcome", body, REPORT_TIMEOUT),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An evaluate off the login path (the re-evaluation after a failed second factor, {@link OutcomeReporter}). */
    public static CompletableFuture<Decision> evaluateAsync(AmfaSettings settings, JsonNode body) {
        return HTTP.sendAsync(post(settings, "/v1/evaluate", body, REPORT_TIMEOUT), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("answered " + response.statusCode() + ": " + abbreviate(response.body()));
                    }
                    try {
                        return Decision.parse(JSON.readTree(response.body()));
                    } catch (IOException e) {
                        throw new IllegalStateException("not a decision: " + abbreviate(response.body()));
                    }
                });
    }

    private static HttpRequest post(AmfaSettings settings, String path, JsonNode body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (settings.apiKey() != null) request.header("Authorization", "Bearer " + settings.apiKey());
        return request.build();
    }

    static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
