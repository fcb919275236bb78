package dev.amfa.signals;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.geo.AnonymousIp;
import dev.amfa.ip.IpAddress;
import dev.amfa.ip.IpListMatch;
import dev.amfa.ip.IpLists;
import dev.amfa.store.IpVelocity;
import dev.amfa.store.VelocityStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Optional;

/**
 * Is the IP one we have reason to distrust? In order: an allow-listed network (a corporate proxy) is trusted
 * whatever else says; then operator deny lists, the service's own failed-login velocity, and anonymous-IP
 * data. Details name the source, the matching network and a category.
 */
public final class UntrustedIpSignal implements Signal {
    public static final String NAME = "UntrustedIP";
    private static final String FOUND = "found_on_deny_list";

    private final IpLists lists;
    private final VelocityStore velocity;

    public UntrustedIpSignal(IpLists lists, VelocityStore velocity) {
        this.lists = lists;
        this.velocity = velocity;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration budget(SignalSettings settings) {
        return settings.untrustedIpBudget();
    }

    @Override
    public Future<Assessment> assess(SignalInput input) {
        Optional<IpListMatch> allowed = input.orgAllow().allowed(input.ip()).or(() -> lists.allowed(input.ip()));
        if (allowed.isPresent()) {
            return Future.succeededFuture(assessment(Confidence.HIGH, "not_found_on_deny_list",
                    listDetails("allow_list", allowed.get())));
        }
        Optional<IpListMatch> denied = lists.denied(input.ip());
        if (denied.isPresent()) {
            return Future.succeededFuture(assessment(Confidence.LOW, FOUND, listDetails("deny_list", denied.get())));
        }
        SignalSettings settings = input.settings();
        return velocity.failuresFrom(IpAddress.canonical(input.ip()), input.now().minus(settings.velocityWindow()))
                .map(seen -> judge(seen, input.anonymous(), settings));
    }

    private Assessment judge(IpVelocity seen, Optional<AnonymousIp> anonymous, SignalSettings settings) {
        if (seen.failures() >= settings.velocityFailures() && seen.distinctUsers() >= settings.velocityDistinctUsers()) {
            return assessment(Confidence.LOW, "high_velocity", new JsonObject()
                    .put("source", "velocity")
                    .put("category", "abuse")
                    .put("failures", seen.failures())
                    .put("distinct_users", seen.distinctUsers())
                    .put("window_minutes", settings.velocityWindow().toMinutes()));
        }
        if (anonymous.isPresent()) {
            AnonymousIp ip = anonymous.get();
            JsonObject details = new JsonObject().put("source", "anonymous_ip_db").put("kind", ip.kind());
            if (ip.hidesLocation()) return assessment(Confidence.LOW, FOUND, details.put("category", "anonymizer"));
            if (ip.hostingProvider()) return assessment(Confidence.MEDIUM, FOUND, details.put("category", "datacenter"));
        }
        return assessment(Confidence.HIGH, "not_found_on_deny_list", new JsonObject()
                .put("failures", seen.failures()).put("distinct_users", seen.distinctUsers()));
    }

    private static JsonObject listDetails(String source, IpListMatch match) {
        return new JsonObject().put("source", source).put("list", match.list()).put("network", match.network())
                .put("category", match.category());
    }

    private static Assessment assessment(Confidence confidence, String code, JsonObject details) {
        return new Assessment(NAME, confidence, code, details);
    }
}
