package dev.amfa.evaluation;

import dev.amfa.engine.EngineResult;
import dev.amfa.engine.PolicyEngine;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Decision;
import dev.amfa.facts.Device;
import dev.amfa.facts.Geo;
import dev.amfa.facts.LoginContext;
import dev.amfa.facts.User;
import dev.amfa.geo.AnonymousIp;
import dev.amfa.geo.AnonymousIpLookup;
import dev.amfa.geo.CityLocator;
import dev.amfa.geo.GeoLookupException;
import dev.amfa.geo.Place;
import dev.amfa.ip.IpAddress;
import dev.amfa.signals.SignalInput;
import dev.amfa.signals.SignalRunner;
import dev.amfa.signals.UserAgents;
import dev.amfa.store.EvaluationRecord;
import dev.amfa.store.KnownDevice;
import dev.amfa.store.Stores;
import dev.amfa.store.UserHistory;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One evaluation, end to end: look the IP and user agent up, run the signals within their budgets, run the
 * rules, and remember what the outcome will need. Runs on the event loop: nothing here blocks.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final PolicyEngine engine;
    private final SignalRunner signals;
    private final CityLocator cities;
    private final AnonymousIpLookup anonymousIps;
    private final UserAgents userAgents;
    private final Stores stores;
    private final Duration velocityWindow;

    public Evaluator(PolicyEngine engine, SignalRunner signals, CityLocator cities, AnonymousIpLookup anonymousIps,
                     UserAgents userAgents, Stores stores, Duration velocityWindow) {
        this.engine = engine;
        this.signals = signals;
        this.cities = cities;
        this.anonymousIps = anonymousIps;
        this.userAgents = userAgents;
        this.stores = stores;
        this.velocityWindow = velocityWindow;
    }

    public Future<Evaluation> evaluate(EvaluationRequest request) {
        String id = UUID.randomUUID().toString();
        UserAgents.Families families = userAgents.parse(request.userAgent());
        Device device = new Device(request.deviceId(), request.fingerprint(), request.userAgent(),
                families.browser(), families.os());
        Place place = null;
        String geoError = null;
        try {
            place = cities.locate(request.ip()).orElse(null);
        } catch (GeoLookupException e) {
            geoError = "GeoIP lookup failed: " + e.getMessage();
        }
        Optional<AnonymousIp> anonymous = anonymousIp(request);
        Future<UserHistory> history = stores.users().load(request.org(), request.userId());
        SignalInput input = new SignalInput(request.org(), request.userId(), request.ip(), request.timestamp(),
                device, place, geoError, anonymous, history);
        Place located = place;
        return signals.assessAll(input).compose(assessments -> {
            Evaluation evaluation = decide(id, request, device, located, history, assessments);
            KnownDevice known = device.key() == null ? null
                    : new KnownDevice(device.key(), families.browser(), families.os(), request.timestamp());
            EvaluationRecord record = new EvaluationRecord(id, request.org(), request.userId(),
                    IpAddress.canonical(request.ip()), request.timestamp(), known, located);
            return stores.evaluations().save(record).map(evaluation);
        });
    }

    private Evaluation decide(String id, EvaluationRequest request, Device device, Place place,
                              Future<UserHistory> history, List<Assessment> assessments) {
        // The history may have failed or be late; the signals already said so, and the user's failure count is 0.
        UserHistory known = history.succeeded() ? history.result() : UserHistory.NONE;
        User user = new User(request.userId(), request.email(), request.roles(), request.attributes(),
                request.enrolledFactors(), known.failuresSince(request.timestamp().minus(velocityWindow)));
        LoginContext login = new LoginContext(id, request.org(), request.flow(), request.application(),
                IpAddress.canonical(request.ip()), request.timestamp(), request.transaction(), request.mfaSessionFactors());
        Geo geo = place == null ? Geo.unknown() : new Geo(true, place.country(), place.city(), place.latitude(),
                place.longitude(), place.timeZone());
        List<Object> facts = new ArrayList<>(4 + assessments.size());
        facts.add(login);
        facts.add(user);
        facts.add(device);
        facts.add(geo);
        facts.addAll(assessments);
        Decision decision = new Decision(request.enrolledFactors());
        EngineResult result;
        try {
            result = engine.evaluate(request.org(), decision, facts);
        } catch (RuntimeException e) {
            // A rule that throws must not let the login through, nor fail the request: challenge (fail closed).
            LOG.error("rules failed for evaluation {} of org {}", id, request.org(), e);
            Decision failed = new Decision(request.enrolledFactors());
            failed.note("the rules failed (" + e.getClass().getSimpleName() + "): challenged to fail closed");
            result = new EngineResult(failed, List.of(), engine.policies().version(request.org()));
        }
        return new Evaluation(id, request, assessments, result);
    }

    private Optional<AnonymousIp> anonymousIp(EvaluationRequest request) {
        try {
            return anonymousIps.lookup(request.ip());
        } catch (RuntimeException e) {
            LOG.warn("anonymous-IP lookup failed for {}: {}", IpAddress.canonical(request.ip()), e.toString());
            return Optional.empty();
        }
    }
}
