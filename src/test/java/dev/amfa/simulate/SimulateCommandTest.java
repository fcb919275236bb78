package dev.amfa.simulate;

import dev.amfa.Main;
import dev.amfa.TestService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
