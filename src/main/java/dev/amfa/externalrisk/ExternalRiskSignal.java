package dev.amfa.externalrisk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.ip.IpAddress;
import dev.amfa.policy.ExternalRiskSettings;
import dev.amfa.signals.Signal;
import dev.amfa.signals.SignalInput;
import dev.amfa.signals.SignalSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import dev.amfa.policy.ExternalRiskTargets;

import java.net.InetAddress;
import java.net.URI;

import java.time.Duration;

/**
 * An org's own risk service: POSTs the login's context to its URL and turns the {"score": -1..1} it answers
 * into an assessment (thresholds in signals.properties). Answers are cached per user and IP; a service that is
 * down, slow or answers nonsense becomes assessment_not_available through the signal runner, never a hang.
 */
public final class ExternalRiskSignal implements Signal {
    public static final String NAME = "ExternalRisk";
    /** Answers cached per org, at most; a cache that outgrows it drops the least recently used. */
    private static final int CACHED_ANSWERS = 100_000;

    private final Vertx vertx;
    private final WebClient client;
    private final ExternalRiskSettings settings;
    private final ExternalRiskTargets targets;
    private final Cache<String, Double> answers;

    ExternalRiskSignal(Vertx vertx, WebClient client, ExternalRiskSettings settings, ExternalRiskTargets targets) {
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
        this.targets = targets;
        this.answers = Caffeine.newBuilder().maximumSize(CACHED_ANSWERS).expireAfterWrite(settings.cacheFor()).build();
    }

    ExternalRiskSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration budget(SignalSettings thresholds) {
        return settings.timeout();
    }

    @Override
    public Future<Assessment> assess(SignalInput input) {
        String ip = IpAddress.canonical(input.ip());
        String key = input.userId() + '\u0000' + ip;
        Double cached = answers.getIfPresent(key);
        if (cached != null) return Future.succeededFuture(assessment(cached, true, input.settings()));
        JsonObject context = new JsonObject().put("org", input.org()).put("user_id", input.userId()).put("ip", ip)
                .put("user_agent", input.device().getUserAgent()).put("timestamp", input.at().toString());
        BoundedBody body = new BoundedBody(MAX_ANSWER_BYTES);
        return resolve().compose(address -> request(address).as(BodyCodec.pipe(body)).timeout(settings.timeout().toMillis())
                .sendJsonObject(context))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("risk service answered HTTP " + response.statusCode());
                    }
                    double score = score(body.body().length() == 0 ? null : new JsonObject(body.body()));
                    answers.put(key, score);
                    return assessment(score, false, input.settings());
                });
    }

    /**
     * The address to connect to: every address the host resolves to must be allowed (ExternalRiskTargets), and the
     * connection goes to the one that was checked, so DNS cannot answer differently between check and connect.
     * The system resolver blocks: it runs on a worker thread, within the signal's budget like the request.
     */
    private Future<InetAddress> resolve() {
        String host = settings.url().getHost();
        return vertx.executeBlocking(() -> {
            InetAddress[] addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            for (InetAddress address : addresses) {
                String refused = targets.refusal(address);
                if (refused != null) throw new IllegalStateException(host + " resolves to " + address.getHostAddress() + ", which " + refused);
            }
            return addresses[0];
        }, false);
    }

    /** The most of a risk service's answer that is read (a score is a few dozen bytes). */
    static final int MAX_ANSWER_BYTES = 16 * 1024;

    private HttpRequest<Buffer> request(InetAddress address) {
        URI url = settings.url();
        boolean https = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) path += "?" + url.getRawQuery();
        // Connect to the checked address; Host header, SNI and certificate check still use the URL's host.
        return client.request(HttpMethod.POST, SocketAddress.inetSocketAddress(port, address.getHostAddress()), port,
                url.getHost(), path).ssl(https);
    }

    private static double score(JsonObject body) {
        Object score = body == null ? null : body.getValue("score");
        if (!(score instanceof Number number) || number.doubleValue() < -1 || number.doubleValue() > 1) {
            throw new IllegalStateException("risk service answered no score from -1 to 1: " + body);
        }
        return number.doubleValue();
    }

    private Assessment assessment(double score, boolean cached, SignalSettings thresholds) {
        JsonObject details = new JsonObject().put("score", score).put("source", settings.url().getHost()).put("cached", cached);
        if (score > thresholds.externalHighRiskAbove()) {
            return new Assessment(NAME, Confidence.LOW, "high_risk_score", details);
        }
        if (score > thresholds.externalElevatedRiskAbove()) {
            return new Assessment(NAME, Confidence.MEDIUM, "elevated_risk_score", details);
        }
        return new Assessment(NAME, Confidence.HIGH, "low_risk_score", details);
    }
}
