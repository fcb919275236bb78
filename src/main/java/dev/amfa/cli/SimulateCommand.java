package dev.amfa.cli;

import dev.amfa.simulate.AddressBook;
import dev.amfa.simulate.Population;
import dev.amfa.simulate.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code amfa simulate}: replays a synthetic population through a running service, for demos and benchmarks. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Send a realistic synthetic population's logins (evaluate + outcome) to a running service.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "${env:AMFA_URL:-http://127.0.0.1:8080}", description = "The service (AMFA_URL).")
    URI url;

    @Option(names = "--org", defaultValue = "acme", description = "The org the users belong to.")
    String org;

    @Option(names = "--users", defaultValue = "200", description = "Users simulated.")
    int users;

    @Option(names = "--days", defaultValue = "7", description = "Days of traffic, ending now.")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "The same seed gives the same traffic.")
    long seed;

    @Option(names = "--geoip", defaultValue = "geolite",
            description = "Which GeoIP data the service runs with, so every IP is located: geolite (./amfa serve) or test.")
    String geoip;

    @Option(names = "--api-key", defaultValue = "${env:AMFA_SIMULATE_API_KEY:-}",
            description = "One of the service's API keys, when it has any (AMFA_SIMULATE_API_KEY).")
    String apiKey;

    @Override
    public Integer call() throws Exception {
        AddressBook book;
        try {
            book = AddressBook.named(geoip);
        } catch (IllegalArgumentException e) {
            System.err.println("amfa simulate: " + e.getMessage());
            return 2;
        }
        List<Population.Login> logins = Population.logins(org, users, days, Instant.now(), seed, book);
        System.out.println("simulating " + logins.size() + " logins of " + users + " users over " + days + " days against " + url);
        Simulator.Summary summary = new Simulator(url, apiKey.isBlank() ? null : apiKey.strip(), seed).run(logins);
        System.out.println(summary);
        return summary.errors() == 0 ? 0 : 1;
    }
}
