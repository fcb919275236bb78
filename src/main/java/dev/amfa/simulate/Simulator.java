package dev.amfa.simulate;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Sends a population's logins to a running service over HTTP, as an auth service would: evaluate, then
 * report the outcome (a real user passes the MFA it is asked for, almost always; an attacker fails), and now
 * and then an analyst's "legitimate" verdict on a challenged login. In time order, one at a time, so each
 * login sees what the ones before it taught.
 */
public final class Simulator {
    /** Share of challenged real users who fail their MFA anyway (typos, expired codes). */
    static final double MFA_SLIPS = 0.03;
    /** Share of passed challenges an analyst marks legitimate: feeds the false-positive figures. */
    static final double ANALYST_REVIEWS = 0.05;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;
    private final String apiKey;
    private final Random random;

    /** @param apiKey sent as the bearer credential, or null for a service without API keys */
    public Simulator(URI base, String apiKey, long seed) {
        this.base = base;
        this.apiKey = apiKey;
        this.random = new Random(seed);
    }

    /** What was sent and answered: evaluations by action, outcomes, feedback, errors, elapsed time. */
    public record Summary(TreeMap<String, Integer> actions, int outcomes, int feedback, int errors, Duration elapsed) {
        public int evaluations() {
            return actions.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
            return String.format(java.util.Locale.ROOT, "%d evaluations %s, %d outcomes, %d feedback, %d errors in %.1f s (%.0f evaluations/s)",
                    evaluations(), actions, outcomes, feedback, errors, seconds, evaluations() / seconds);
        }
    }

    public Summary run(List<Population.Login> logins) throws IOException, InterruptedException {
        long started = System.nanoTime();
        TreeMap<String, Integer> actions = new TreeMap<>();
        int outcomes = 0, feedback = 0, errors = 0;
        for (Population.Login login : logins) {
            HttpResponse<String> answer = post("/v1/evaluate", login.request());
            if (answer.statusCode() != 200) {
                errors++;
                continue;
            }
            JsonObject evaluation = new JsonObject(answer.body());
            String action = evaluation.getString("action");
            actions.merge(action, 1, Integer::sum);
            String id = evaluation.getString("evaluation_id");
            boolean challenged = action.equals("challenge");
            boolean passes = login.honest() && !action.equals("deny") && !(challenged && random.nextDouble() < MFA_SLIPS);
            JsonObject outcome = new JsonObject().put("result", passes ? "success" : "failure")
                    .put("mfa", !challenged ? "not_required" : passes ? "passed" : "failed");
            if (post("/v1/evaluations/" + id + "/outcome", outcome).statusCode() == 202) outcomes++;
            else errors++;
            if (challenged && passes && random.nextDouble() < ANALYST_REVIEWS) {
                if (post("/v1/evaluations/" + id + "/feedback", new JsonObject().put("verdict", "legitimate")
                        .put("note", "simulated analyst review")).statusCode() == 202) feedback++;
                else errors++;
            }
        }
        return new Summary(actions, outcomes, feedback, errors, Duration.ofNanos(System.nanoTime() - started));
    }

    private HttpResponse<String> post(String path, JsonObject body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (apiKey != null) request.header("Authorization", "Bearer " + apiKey);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
