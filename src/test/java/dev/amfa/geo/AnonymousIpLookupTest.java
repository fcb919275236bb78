package dev.amfa.geo;

import static dev.amfa.geo.GeoFixtures.ANONYMOUS_TEST_DB;
import static dev.amfa.geo.GeoFixtures.CITY_TEST_DB;
import static dev.amfa.geo.GeoFixtures.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Against MaxMind's Anonymous-IP test database; expected flags from its .source.json. */
class AnonymousIpLookupTest {

    private static AnonymousIpLookup lookup;

    @BeforeAll
    static void open() throws IOException {
        lookup = AnonymousIpLookup.open(ANONYMOUS_TEST_DB);
    }

    @AfterAll
    static void close() throws IOException {
        lookup.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // address,          vpn,   tor,   public, residential, hosting, kind,              hides
            "1.124.213.1,        true,  true,  false,  false,       false,   tor_exit_node,     true",
            "81.2.69.17,         true,  true,  true,   true,        true,    tor_exit_node,     true",
            "71.160.223.40,      false, false, false,  false,       true,    hosting_provider,  false",
            "186.30.236.200,     false, false, true,   false,       false,   public_proxy,      true",
            "6.1.0.0,            true,  false, false,  false,       false,   anonymous_vpn,     true",
            "6.1.0.1,            true,  false, false,  false,       false,   anonymous_vpn,     true",
            "6.1.0.2,            false, false, false,  false,       true,    hosting_provider,  false",
            "6.1.0.3,            false, false, true,   false,       false,   public_proxy,      true",
            "6.1.0.4,            false, false, false,  true,        false,   residential_proxy, true",
            "2001:480:3a::1,     false, false, true,   false,       false,   public_proxy,      true",
    })
    void flagsEachListedAddress(String address, boolean vpn, boolean tor, boolean publicProxy,
                                boolean residentialProxy, boolean hosting, String kind, boolean hides) {
        AnonymousIp found = lookup.lookup(ip(address)).orElseThrow();
        assertEquals(new AnonymousIp(vpn, tor, publicProxy, residentialProxy, hosting), found);
        assertEquals(kind, found.kind());
        assertEquals(hides, found.hidesLocation());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "6.1.0.5", "1.124.213.2", "::1"})
    void addressNotInTheDatabaseIsEmpty(String address) {
        assertEquals(Optional.empty(), lookup.lookup(ip(address)));
    }

    @Test
    void recordWithoutAnyFlagIsEmpty() {
        // 214.1.1.5 falls into a 208.0.0.0/4 record that exists but is {}: no reason to distrust it.
        assertEquals(Optional.empty(), lookup.lookup(ip("214.1.1.5")));
    }

    @Test
    void noneKnowsNothing() throws IOException {
        try (AnonymousIpLookup none = AnonymousIpLookup.none()) {
            assertEquals(Optional.empty(), none.lookup(ip("1.124.213.1")));
        }
    }

    @Test
    void cityDatabaseIsRefusedAtOpen() {
        IOException e = assertThrows(IOException.class, () -> AnonymousIpLookup.open(CITY_TEST_DB));
        assertTrue(e.getMessage().contains(CITY_TEST_DB.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("GeoIP2-City"), e.getMessage());
    }

    @Test
    void lookupAfterCloseIsALookupFailure() throws IOException {
        AnonymousIpLookup closed = AnonymousIpLookup.open(ANONYMOUS_TEST_DB);
        closed.close();
        assertThrows(GeoLookupException.class, () -> closed.lookup(ip("1.124.213.1")));
    }
}
