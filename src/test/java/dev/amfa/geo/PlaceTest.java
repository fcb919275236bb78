package dev.amfa.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
