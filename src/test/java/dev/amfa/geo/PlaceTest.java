package dev.amfa.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaceTest {

    private static final Place LONDON = new Place("GB", "England", "London", 51.5142, -0.0931, 10, "Europe/London");

    @Test
    void jsonRoundTripKeepsEveryField() {
        JsonObject json = LONDON.toJson();
        assertEquals(new JsonObject()
                .put("country", "GB").put("region", "England").put("city", "London")
                .put("latitude", 51.5142).put("longitude", -0.0931)
                .put("accuracy_radius_km", 10).put("time_zone", "Europe/London"), json);
        assertEquals(LONDON, Place.fromJson(json));
    }

    @Test
    void jsonLeavesOutUnknownFields() {
        Place bare = new Place(null, null, null, 47.25, -122.31, null, null);
        assertEquals(Set.of("latitude", "longitude"), bare.toJson().fieldNames());
        assertEquals(bare, Place.fromJson(bare.toJson()));
    }

    @Test
    void aCountryLevelPlaceCoversTheCountrysExtent() {
        Place us = new Place("US", null, null, 37.751, -97.822, null, null);
        // Kansas to Seattle, Boston or Miami is 2,000-2,400 km; Hawaii (5,400 km) is left out of the 99 %.
        assertTrue(us.coverageKm() >= 2_400 && us.coverageKm() <= 3_000, "US " + us.coverageKm());
        int germany = new Place("DE", null, null, 51.2993, 9.491, null, null).coverageKm();
        assertTrue(germany >= 300 && germany <= 600, "Kassel to Munich or Kiel is 300-400 km: DE " + germany);
        // MaxMind's own radius for a centroid understates it: China's is 100 km.
        assertEquals(CountryExtents.SHIPPED.radiusKm("CN"), new Place("CN", null, null, 35, 105, 100, null).coverageKm());
        assertEquals(CountryExtents.UNKNOWN_KM, new Place(null, null, null, 47.25, -122.31, null, null).coverageKm());
        assertEquals(Place.CITY_RADIUS_KM, new Place("VA", null, null, 41.9, 12.45, null, null).coverageKm(),
                "never smaller than a city");
    }

    @Test
    void aCityCoversItsRadiusOrACitysExtent() {
        assertEquals(10, LONDON.coverageKm());
        assertEquals(LONDON, LONDON.withCoverage());
        Place paris = new Place("FR", null, "Paris", 48.85, 2.35, null, null);
        assertEquals(Place.CITY_RADIUS_KM, paris.coverageKm());
        assertEquals(Place.CITY_RADIUS_KM, paris.withCoverage().accuracyRadiusKm());
    }

    @Test
    void jsonSurvivesEncoding() {
        assertEquals(LONDON, Place.fromJson(new JsonObject(LONDON.toJson().encode())));
    }

    @Test
    void jsonWithoutCoordinatesIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Place.fromJson(new JsonObject().put("country", "GB").put("latitude", 51.5)));
    }

    @Test
    void labelPrefersCityAndCountry() {
        assertEquals("London, GB", LONDON.label());
        assertEquals("GB", new Place("GB", "England", null, 51.5, -0.1, null, null).label());
        assertEquals("London", new Place(null, null, "London", 51.5, -0.1, null, null).label());
        assertEquals("47.25,-122.31", new Place(null, null, null, 47.2513, -122.3149, null, null).label());
    }

    @Test
    void blankNamesMeanUnknown() {
        // The flat database writes "" rather than leaving a field out.
        Place place = new Place("US", "", " ", 37.751, -97.822, null, "");
        assertNull(place.region());
        assertNull(place.city());
        assertNull(place.timeZone());
        assertEquals("US", place.label());
    }

    @Test
    void coordinatesOutsideTheGlobeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Place("GB", null, null, 91, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Place("GB", null, null, 0, -180.5, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Place("GB", null, null, Double.NaN, 0, null, null));
    }
}
