package dev.amfa.evaluation;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Device;
import dev.amfa.geo.AnonymousIp;
import dev.amfa.geo.AnonymousIpLookup;
import dev.amfa.geo.CityLocator;
import dev.amfa.geo.GeoLookupException;
import dev.amfa.geo.Place;
import dev.amfa.ip.IpAddress;
import dev.amfa.policy.EffectivePolicy;
import dev.amfa.policy.PolicySet;
import dev.amfa.signals.Signal;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One live evaluation, end to end: look the IP and user agent up, run the signals within their budgets,
 * decide under the org's policy (on a worker thread, within the rules' budget), and remember what the outcome will
 * need. Runs on the event loop: nothing here blocks.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    /** Store names in the store-error metric. */
    public static final String USER_HISTORY = "user_history";
    public static final String EVALUATIONS = "evaluations";
    /** How long the answer waits for the pending evaluation to be stored. */
    static final Duration PENDING_SAVE_BUDGET = Duration.ofMillis(250);

    private final Supplier<PolicySet> policies;
    private final SignalRunner signals;
    private final RuleRunner rules;
    private final Function<EffectivePolicy, List<Signal>> orgSignals;
    private final CityLocator cities;
    private final AnonymousIpLookup anonymousIps;
    private final UserAgents userAgents;
    private final Stores stores;
    private final Consumer<Evaluation> decisionLog;
    private final Consumer<String> storeErrors;
    private final java.time.Clock clock;

    /**
     * @param orgSignals  the org's own signals (an external risk service), beside the built-in ones
     * @param decisionLog told of every evaluation; must not block
     * @param storeErrors told the name of a store that failed an evaluation's read or write (for the metrics)
     * @param clock       the server's time: every window ends there and a device is seen then, whatever the
     *                    caller's timestamp says (that one dates the login for travel and the decision log)
     */
    public Evaluator(Supplier<PolicySet> policies, SignalRunner signals, RuleRunner rules,
                     Function<EffectivePolicy, List<Signal>> orgSignals,
                     CityLocator cities, AnonymousIpLookup anonymousIps, UserAgents userAgents, Stores stores,
                     Consumer<Evaluation> decisionLog, Consumer<String> storeErrors, java.time.Clock clock) {
        this.policies = policies;
        this.signals = signals;
        this.rules = rules;
        this.orgSignals = orgSignals;
        this.cities = cities;
        this.anonymousIps = anonymousIps;
        this.userAgents = userAgents;
        this.stores = stores;
        this.decisionLog = decisionLog;
        this.storeErrors = storeErrors;
        this.clock = clock;
    }

    /** An evaluation no calling service owns (the demo's): only the admin may act on it afterwards. */
    public Future<Evaluation> evaluate(EvaluationRequest request) {
        return evaluate(request, null);
    }

    /** @param service the calling service that asks: only it (or the admin) may report the outcome or challenge it */
    public Future<Evaluation> evaluate(EvaluationRequest request, String service) {
        // One snapshot for the whole evaluation: a reload meanwhile does not change the rules under it.
        EffectivePolicy policy = policies.get().forOrg(request.org());
        String id = UUID.randomUUID().toString();
        java.time.Instant now = clock.instant();
        UserAgents.Families families = userAgents.parse(request.userAgent());
        Device device = new Device(request.deviceId(), request.fingerprint(), request.userAgent(),
                families.browser(), families.os());
        Place place = null;
        String geoError = null;
        try {
            place = cities.locate(request.ip()).orElse(null);
        } catch (GeoLookupException e) {
            // The detail is for the log; the answer only says it failed.
            LOG.warn("GeoIP lookup failed for evaluation {}: {}", id, e.toString());
            geoError = "GeoIP lookup failed";
        }
        Future<UserHistory> history = stores.users().load(request.org(), request.userId())
                .onFailure(e -> storeErrors.accept(USER_HISTORY));
        SignalInput input = new SignalInput(request.org(), request.userId(), request.ip(), request.timestamp(),
                device, place, geoError, anonymousIp(request), history, policy.signals(), policy.allowNetworks(), now);
        Place located = place;
        return signals.assessAll(input, orgSignals.apply(policy)).compose(assessed -> {
            List<Assessment> assessments = new ArrayList<>(assessed);
            assessments.addAll(request.reportedSignals());
            // A history that failed or came late was already answered for by the signals; count no failures.
            UserHistory known = history.succeeded() ? history.result() : UserHistory.NONE;
            int failures = known.failuresSince(now.minus(policy.signals().velocityWindow()));
            return rules.decide(policy, new DecisionInput(id, request, device, located, assessments, failures))
                    .map(decided -> decided.askedBy(service));
        }).compose(evaluation -> {
            decisionLog.accept(evaluation);
            KnownDevice seen = device.key() == null ? null
                    : new KnownDevice(device.key(), device.getFingerprint(), families.browser(), families.os(), now);
            Future<Void> saved = stores.evaluations().save(pending(evaluation, seen, located));
            if (saved.isComplete() && saved.succeeded()) return Future.succeededFuture(evaluation);
            // The decision stands without the pending record: a store that is down or slow must not hold the
            // login up. Its outcome will then be unknown (404), which the log line says.
            return saved.timeout(PENDING_SAVE_BUDGET.toMillis(), TimeUnit.MILLISECONDS)
                    .recover(e -> {
                        storeErrors.accept(EVALUATIONS);
                        LOG.warn("evaluation {} answered without its pending record ({}): its outcome cannot be recorded",
                                id, e.toString());
                        return Future.succeededFuture();
                    })
                    .map(evaluation);
        });
    }

    /** What the outcome and a challenge need; an unenforced decision is remembered as the allow it answered. */
    private static EvaluationRecord pending(Evaluation evaluation, KnownDevice seen, Place located) {
        EvaluationRequest request = evaluation.request();
        var decision = evaluation.result().decision();
        boolean enforced = evaluation.enforced();
        return new EvaluationRecord(evaluation.id(), request.org(), request.userId(), IpAddress.canonical(request.ip()),
                request.timestamp(), seen, located, enforced ? decision.action().json() : "allow",
                enforced ? decision.factors() : List.of(), request.email(), request.enrolledFactors(), evaluation.service());
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
