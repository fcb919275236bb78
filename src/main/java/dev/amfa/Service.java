package dev.amfa;

import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.evaluation.Evaluator;
import dev.amfa.evaluation.OutcomeRecorder;
import dev.amfa.geo.AnonymousIpLookup;
import dev.amfa.geo.CityLocator;
import dev.amfa.ip.IpLists;
import dev.amfa.policy.PolicyRegistry;
import dev.amfa.signals.ImpossibleTravelSignal;
import dev.amfa.signals.NewDeviceSignal;
import dev.amfa.signals.SignalRunner;
import dev.amfa.signals.UntrustedIpSignal;
import dev.amfa.signals.UserAgents;
import dev.amfa.status.StatusRegistry;
import dev.amfa.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * One running service, wired from its configuration: no DI container, every part built here in the order it
 * depends on. The slow parts (compiling rules, opening databases) run on a worker thread, never an event loop.
 */
public record Service(ServiceConfig config, StatusRegistry status, PolicyRegistry policies,
                      EvaluationRequestParser parser, Evaluator evaluator, OutcomeRecorder outcomes,
                      List<Closeable> resources) {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    public static Future<Service> start(Vertx vertx, ServiceConfig config) {
        return vertx.executeBlocking(() -> build(vertx, config), false);
    }

    private static Service build(Vertx vertx, ServiceConfig config) throws Exception {
        StatusRegistry status = new StatusRegistry();
        PolicyRegistry policies = PolicyRegistry.load(config.rulesDir(), config.policiesDir(), Clock.systemUTC());
        status.ready("rules", "baseline " + policies.current().baseline().version() + ", "
                + policies.current().orgs().size() + " org policies");

        if (config.geoipCity().isEmpty()) {
            throw new IOException("no GeoIP City database configured (--geoip-city / AMFA_GEOIP_CITY)");
        }
        CityLocator cities = CityLocator.open(config.geoipCity());
        AnonymousIpLookup anonymous = config.geoipAnonymous() == null
                ? AnonymousIpLookup.none() : AnonymousIpLookup.open(config.geoipAnonymous());
        status.ready("geoip", String.join("; ", cities.describe())
                + (config.geoipAnonymous() == null ? "" : "; anonymous-IP " + config.geoipAnonymous()));

        IpLists lists = IpLists.load(config.ipListsDir());
        Stores stores = Stores.create(config.store(), config.outcomeRetention());
        status.ready("store", config.store());

        SignalRunner signals = new SignalRunner(vertx, List.of(
                new NewDeviceSignal(),
                new ImpossibleTravelSignal(),
                new UntrustedIpSignal(lists, stores.velocity())));
        Evaluator evaluator = new Evaluator(policies::current, signals, policy -> List.of(), cities, anonymous,
                new UserAgents(), stores, evaluation -> { });
        return new Service(config, status, policies, new EvaluationRequestParser(Clock.systemUTC()), evaluator,
                new OutcomeRecorder(stores), List.of(cities, anonymous));
    }

    public void close() {
        for (Closeable resource : resources) {
            try {
                resource.close();
            } catch (IOException e) {
                LOG.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }
}
