package dev.amfa.simulate;

import dev.amfa.Main;
import dev.amfa.TestService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import dev.amfa.evaluation.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `amfa simulate` against a running service, and the population it sends. */
class SimulateCommandTest {

    @Test
    void simulateFeedsARunningServiceOverHttp() {
        try (TestService service = TestService.start()) {
            int exit = new CommandLine(new Main()).execute("simulate", "--url", "http://127.0.0.1:" + service.port(),
                    "--users", "30", "--days", "2", "--geoip", "test", "--org", "sim");
            assertEquals(0, exit);
            JsonObject stats = service.admin(HttpMethod.GET, "/v1/stats?org=sim&bucket=day&from="
                    + Instant.now().minusSeconds(4 * 86_400) + "&to=" + Instant.now().plusSeconds(60), null).bodyAsJsonObject();
            int expected = Population.logins("sim", 30, 2, Instant.now(), 42, AddressBook.TEST).size();
            assertEquals(expected, stats.getJsonObject("totals").getInteger("evaluations"), stats.encode());
            assertTrue(stats.getJsonObject("totals").getInteger("denials") > 0, "the stuffing IP on the deny list is denied");
        }
    }

    @Test
    void anUnknownAddressBookIsAUsageError() {
        assertEquals(2, new CommandLine(new Main()).execute("simulate", "--geoip", "mars"));
    }

    @Test
    void thePopulationIsReproducibleAndHasItsCharacters() {
        Instant end = Instant.parse("2026-11-20T08:00:00Z");
        List<Population.Login> logins = Population.logins("acme", 100, 7, end, 1, AddressBook.TEST);
        assertEquals(logins.stream().map(l -> l.request().encode()).toList(),
                Population.logins("acme", 100, 7, end, 1, AddressBook.TEST).stream().map(l -> l.request().encode()).toList());
        long attackerIps = logins.stream().filter(l -> !l.honest()).map(l -> l.request().getString("ip")).distinct().count();
        assertEquals(AddressBook.TEST.stuffing().size(), attackerIps, "the burst comes from a few IPs");
        assertEquals(150, logins.stream().filter(l -> !l.honest()).count());
        assertTrue(logins.stream().anyMatch(l -> l.request().getJsonObject("user").getString("id").equals("vpn-user")));
        assertTrue(logins.stream().allMatch(l -> !l.at().isAfter(end) && l.at().isAfter(end.minusSeconds(7 * 86_400))));
    }

    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void theLabelledPopulationKnowsWhatEachLoginIs() {
        List<Population.Login> logins = LabelledPopulation.logins("acme", 60, 14, END, 7, LabelledPlaces.GEOLITE);
        assertEquals(logins.stream().map(l -> l.request().encode() + l.scenario()).toList(),
                LabelledPopulation.logins("acme", 60, 14, END, 7, LabelledPlaces.GEOLITE).stream()
                        .map(l -> l.request().encode() + l.scenario()).toList());
        assertEquals(EnumSet.allOf(Scenario.class), EnumSet.copyOf(logins.stream().map(Population.Login::scenario).toList()),
                "every scenario happens");
        assertTrue(logins.stream().allMatch(l -> l.honest() == l.scenario().kind.legitimate()));
        // A device's first login is labelled first (or a cleared cookie): no "ordinary" login is a device's first.
        Set<String> seen = new HashSet<>();
        for (Population.Login login : logins) {
            if (!login.honest()) continue;
            String device = login.request().getJsonObject("device").getString("id");
            boolean first = seen.add(device);
            assertEquals(first, login.scenario() == Scenario.FIRST_LOGIN || login.scenario() == Scenario.CLEARED_COOKIES,
                    login.scenario() + " " + device);
        }
        // Clearing cookies gives a new device id, not a new browser: its fingerprint was sent before under another id.
        Map<String, String> idByFingerprint = new java.util.HashMap<>();
        for (Population.Login login : logins) {
            if (!login.honest()) continue;
            JsonObject device = login.request().getJsonObject("device");
            String earlierId = idByFingerprint.put(device.getString("fingerprint"), device.getString("id"));
            if (login.scenario() == Scenario.CLEARED_COOKIES) {
                assertTrue(earlierId != null && !earlierId.equals(device.getString("id")), device.encode());
            }
        }
        assertTrue(logins.stream().anyMatch(l -> l.honest() && l.request().getString("ip").contains(":")), "IPv6 homes");
        assertTrue(logins.stream().allMatch(l -> !l.at().isAfter(END) && l.at().isAfter(END.minusSeconds(14 * 86_400))));
    }

    /**
     * The run goes through the service's own evaluator and outcome recorder, for the baseline and every
     * shipped policy; a phone on its carrier's country-level address is not a journey (11 of these 38 were challenged,
     * as substantial or impossible travel, before places had a radius).
     */
    @Test
    void theLabelledRunMeasuresTheBaselineAndEveryPolicy() throws Exception {
        LabelledRun.Result result = LabelledRun.run(Path.of("rules"), Path.of("policies"), LabelledPlacesTest.GEOLITE,
                LabelledPlaces.GEOLITE, org -> LabelledPopulation.logins(org, 24, 7, END, 42, LabelledPlaces.GEOLITE));
        assertEquals(List.of(LabelledRun.BASELINE_ORG, "admin-portal", "bank", "consumer-app"), List.copyOf(result.orgs().keySet()));
        Map<Scenario, LabelledRun.Tally> baseline = result.orgs().get(LabelledRun.BASELINE_ORG);
        LabelledRun.Tally listed = baseline.get(Scenario.DENY_LISTED_IP);
        assertEquals(listed.logins, listed.denied, "the abuse list denies");
        LabelledRun.Tally carrier = baseline.get(Scenario.CARRIER_PHONE);
        assertTrue(carrier.logins > 20, "enough carrier logins to tell: " + carrier.logins);
        assertEquals(0, carrier.challenged + carrier.denied, carrier.codes.toString());
        LabelledRun.Tally home = baseline.get(Scenario.HOME);
        assertEquals(home.logins, home.allowed, "history is learnt: known devices at home are allowed " + home.codes);
        // A cleared cookie is recognised by the browser's fingerprint (challenged as partial_match before).
        LabelledRun.Tally cleared = baseline.get(Scenario.CLEARED_COOKIES);
        assertTrue(cleared.logins > 0, "some cookies were cleared");
        assertEquals(cleared.logins, cleared.allowed, cleared.codes.toString());
        LabelledReport.Figures figures = LabelledReport.figures(baseline);
        assertEquals(Set.of(), figures.attacksAllowed());
        assertEquals(0, figures.legitimateDenied());
        // admin-portal lets nobody in from outside its office networks: every login of this population is denied.
        LabelledRun.Tally admin = result.orgs().get("admin-portal").get(Scenario.HOME);
        assertEquals(admin.logins, admin.denied);
        // consumer-app does not take the victim's browser family for a known customer (a same-city attacker).
        assertEquals(Set.of(), LabelledReport.figures(result.orgs().get("consumer-app")).attacksAllowed());
        String table = LabelledReport.render(result);
        assertTrue(table.contains("== baseline (rules/ only), 100 % roll-out =="), table);
        assertTrue(table.contains("== policies/consumer-app, 100 % roll-out =="), table);
        assertTrue(table.contains("ordinary challenged 0.00% (<= 0.5%) met"), table);
    }

    /**
     * The run is on the population's clock: 30 failures from one address an hour apart are no burst there. On
     * the system clock they all fell into one 15-minute window, and the next login from that address was
     * high_velocity (admin-portal's denials did that to the carriers' shared addresses for bank and consumer-app).
     */
    @Test
    void theLabelledRunsWindowsSpanThePopulationsDays(@TempDir Path noPolicies) throws Exception {
        String ip = LabelledPlaces.GEOLITE.cities().get(0).ipv4().get(0);
        Instant start = END.minus(java.time.Duration.ofDays(3));
        List<Population.Login> logins = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            logins.add(new Population.Login(Population.request(LabelledRun.BASELINE_ORG, "guess" + (i % 6), ip, null,
                    Population.BOT_AGENT, start.plus(java.time.Duration.ofHours(i))), false, Scenario.CREDENTIAL_STUFFING));
        }
        logins.add(new Population.Login(Population.request(LabelledRun.BASELINE_ORG, "user1", ip, "user1-laptop",
                LabelledPopulation.LAPTOP_CHROME, start.plus(java.time.Duration.ofHours(31))), true, Scenario.HOME));
        LabelledRun.Result result = LabelledRun.run(Path.of("rules"), noPolicies, LabelledPlacesTest.GEOLITE,
                LabelledPlaces.GEOLITE, org -> logins);
        LabelledRun.Tally home = result.orgs().get(LabelledRun.BASELINE_ORG).get(Scenario.HOME);
        assertFalse(home.codes.toString().contains("high_velocity"), home.codes.toString());
    }

    @Test
    void theTargetsCountDenialsAsFrictionAndAnyAllowedAttack() {
        LabelledRun.Tally ordinary = tally(1000, 1000 - 4, 3, 1);
        LabelledRun.Tally flight = tally(100, 94, 6, 0);
        LabelledRun.Tally stolen = tally(10, 1, 9, 0);
        LabelledReport.Figures f = LabelledReport.figures(Map.of(Scenario.HOME, ordinary, Scenario.FLIGHT, flight,
                Scenario.FIRST_LOGIN, tally(50, 0, 50, 0), Scenario.STOLEN_COOKIE, stolen));
        assertEquals(0.004, f.ordinaryShare(), 1e-9);
        assertEquals(10 / 1100.0, f.allButFirstShare(), 1e-9, "first logins are left out");
        assertEquals(1, f.legitimateDenied());
        assertEquals(Set.of(Scenario.STOLEN_COOKIE), f.attacksAllowed());
        assertFalse(f.met());
    }

    @Test
    void aLoginTheServiceRefusesStopsTheRunWithTheReason(@TempDir Path noPolicies) {
        Population.Login broken = new Population.Login(Population.request("acme", "user0", "not-an-ip", "d", "agent", END),
                true, Scenario.HOME);
        ExecutionException stopped = assertThrows(ExecutionException.class, () -> LabelledRun.run(Path.of("rules"), noPolicies,
                LabelledPlacesTest.GEOLITE, LabelledPlaces.GEOLITE, org -> List.of(broken)));
        assertInstanceOf(InvalidInputException.class, stopped.getCause(), stopped.toString());
    }

    @Test
    void aLabelledRunWithoutItsGeoIpFilesIsAUsageError() {
        assertEquals(2, new CommandLine(new Main()).execute("simulate", "--labelled", "--geoip-city", "target/no-such.mmdb"));
    }

    private static LabelledRun.Tally tally(int logins, int allowed, int challenged, int denied) {
        LabelledRun.Tally t = new LabelledRun.Tally();
        t.logins = logins;
        t.allowed = allowed;
        t.challenged = challenged;
        t.denied = denied;
        return t;
    }
}
