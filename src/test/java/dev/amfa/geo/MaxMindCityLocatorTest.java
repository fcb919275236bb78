package dev.amfa.geo;

import static dev.amfa.geo.GeoFixtures.CITY_TEST_DB;
import static dev.amfa.geo.GeoFixtures.database;
import static dev.amfa.geo.GeoFixtures.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maxmind.db.ClosedDatabaseException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The nested GeoIP2 City schema, against MaxMind's test database (expected values from its .source.json). */
class MaxMindCityLocatorTest {

    private static CityLocator locator;

    @BeforeAll
    static void open() throws IOException {
        locator = CityLocator.open(List.of(CITY_TEST_DB));
    }

    @AfterAll
    static void close() throws IOException {
        locator.close();
    }

    @Test
    void locatesLondonWithAccuracyAndTimeZone() {
        assertEquals(Optional.of(new Place("GB", "England", "London", 51.5142, -0.0931, 10, "Europe/London")),
                locator.locate(ip("81.2.69.142")));
    }

    @Test
    void locatesMelbourneAnywhereInItsRange() {
        Place expected = new Place("AU", "Victoria", "Melbourne", -37.8159, 144.9669, 20, "Australia/Melbourne");
        assertEquals(Optional.of(expected), locator.locate(ip("214.0.1.0")));
        assertEquals(Optional.of(expected), locator.locate(ip("214.0.1.255")));
    }

    @Test
    void locatesMilton() {
        assertEquals(Optional.of(new Place("US", "Washington", "Milton", 47.2513, -122.3149, 22, "America/Los_Angeles")),
                locator.locate(ip("216.160.83.56")));
    }

    @Test
    void regionIsTheTopLevelSubdivision() {
        // Boxford has subdivisions [England, West Berkshire]; the flat schema's state1 is the England level.
        Place boxford = locator.locate(ip("2.125.160.216")).orElseThrow();
        assertEquals("England", boxford.region());
        assertEquals("Boxford, GB", boxford.label());
    }

    @Test
    void keepsNonAsciiCityNames() {
        assertEquals("Linköping", locator.locate(ip("89.160.20.112")).orElseThrow().city());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "127.0.0.1", "1.1.1.1", "::1"})
    void addressTheDatabaseDoesNotKnowIsEmpty(String address) {
        assertEquals(Optional.empty(), locator.locate(ip(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"214.1.1.0", "214.1.1.77", "214.1.1.255"})
    void recordWithoutLocationIsEmpty(String address) {
        // 214.1.1.0/24 exists in the database, but with nothing but an anycast trait.
        assertEquals(Optional.empty(), locator.locate(ip(address)));
    }

    @Test
    void locatesIpv6Addresses() {
        Place tokyo = locator.locate(ip("2001:218::1")).orElseThrow();
        assertEquals(new Place("JP", null, null, 35.68536, 139.75309, CountryExtents.SHIPPED.radiusKm("JP"), "Asia/Tokyo"), tokyo);
        assertEquals("JP", tokyo.label());
        assertEquals("NO", locator.locate(ip("2a02:cf40::abcd")).orElseThrow().country());
    }

    @Test
    void aCountryLevelRecordCoversTheCountryNotItsGivenRadius() {
        // 2001:250::/31 is China's centroid with MaxMind's radius of 100 km: most of China is farther than that.
        Place china = locator.locate(ip("2001:250::1")).orElseThrow();
        assertNull(china.city());
        assertEquals(CountryExtents.SHIPPED.radiusKm("CN"), china.accuracyRadiusKm());
        assertTrue(china.accuracyRadiusKm() > 2_000, china.toJson().encode());
    }

    @Test
    void ipv4CompatibleIpv6AddressFindsTheIpv4Record() {
        // ::81.2.69.142 stays an Inet6Address in Java; MaxMind trees alias ::/96 onto the IPv4 space.
        assertEquals("London", locator.locate(ip("::81.2.69.142")).orElseThrow().city());
    }

    @Test
    void describeNamesTypeSchemaAndFile() {
        assertEquals(List.of("GeoIP2-City (maxmind schema) " + CITY_TEST_DB), locator.describe());
    }

    @Test
    void geoLite2CityIsTheSameSchema() throws IOException {
        try (CityLocator geoLite = CityLocator.open(List.of(database("GeoLite2-City-Test.mmdb")))) {
            assertEquals(Optional.of(new Place("GB", "England", "London", 51.5142, -0.0931, 10, "Europe/London")),
                    geoLite.locate(ip("81.2.69.142")));
            assertTrue(geoLite.describe().get(0).startsWith("GeoLite2-City (maxmind schema) "));
        }
    }

    @Test
    void lookupAfterCloseIsALookupFailureNotAnUnknownAddress() throws IOException {
        CityLocator closed = CityLocator.open(List.of(CITY_TEST_DB));
        closed.close();
        GeoLookupException e = assertThrows(GeoLookupException.class, () -> closed.locate(ip("81.2.69.142")));
        assertInstanceOf(ClosedDatabaseException.class, e.getCause());
    }
}
