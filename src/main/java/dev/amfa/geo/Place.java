package dev.amfa.geo;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Where an IP is, as far as a city database can tell. Coordinates are always present: a database
 * record without them says nothing usable for travel speed, so lookups answer "unknown" instead.
 *
 * @param country          ISO 3166-1 alpha-2 code, or null
 * @param region           top-level subdivision name (state, county, ...), or null
 * @param city             English city name, or null
 * @param accuracyRadiusKm how far the user may be from the coordinates: MaxMind's accuracy radius, or what a
 *                         lookup estimated with {@link #withCoverage()}; null when nothing says
 * @param timeZone         IANA time zone, or null
 */
public record Place(String country, String region, String city, double latitude, double longitude,
                    Integer accuracyRadiusKm, String timeZone) {

    private static final String COUNTRY = "country";
    private static final String REGION = "region";
    private static final String CITY = "city";
    private static final String LATITUDE = "latitude";
    private static final String LONGITUDE = "longitude";
    private static final String ACCURACY_RADIUS_KM = "accuracy_radius_km";
    private static final String TIME_ZONE = "time_zone";
    /**
     * What a city record without a radius covers: a large city's own radius (Berlin, London: 20-25 km). The
     * flat schema has no radius at all; 0 would make two addresses of one city a short journey apart.
     */
    public static final int CITY_RADIUS_KM = 20;

    public Place {
        // The flat database writes "" for unknown names; one spelling of "unknown" keeps labels and JSON clean.
        country = blankToNull(country);
        region = blankToNull(region);
        city = blankToNull(city);
        timeZone = blankToNull(timeZone);
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude out of range: " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude out of range: " + longitude);
        }
        if (accuracyRadiusKm != null && accuracyRadiusKm < 0) {
            throw new IllegalArgumentException("negative accuracy radius: " + accuracyRadiusKm);
        }
    }

    /**
     * How far from its coordinates the user may really be, in km. A record without a city (country or region
     * only) sits on the country's centroid: it covers the country's extent ({@link CountryExtents}), however
     * small a radius the database gave it (MaxMind gives China's centroid 100 km). A city without a radius
     * covers {@link #CITY_RADIUS_KM}.
     */
    public int coverageKm() {
        int given = accuracyRadiusKm == null ? 0 : accuracyRadiusKm;
        if (city == null) return Math.max(given, Math.max(CITY_RADIUS_KM, CountryExtents.SHIPPED.radiusKm(country)));
        return accuracyRadiusKm == null ? CITY_RADIUS_KM : accuracyRadiusKm;
    }

    /** This place with {@link #coverageKm()} as its accuracy radius: what every lookup answers. */
    public Place withCoverage() {
        int coverage = coverageKm();
        if (accuracyRadiusKm != null && accuracyRadiusKm == coverage) return this;
        return new Place(country, region, city, latitude, longitude, coverage, timeZone);
    }

    /** Only the known fields, so stored places stay small and absent stays distinguishable from empty. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        putIfPresent(json, COUNTRY, country);
        putIfPresent(json, REGION, region);
        putIfPresent(json, CITY, city);
        json.put(LATITUDE, latitude).put(LONGITUDE, longitude);
        putIfPresent(json, ACCURACY_RADIUS_KM, accuracyRadiusKm);
        putIfPresent(json, TIME_ZONE, timeZone);
        return json;
    }

    /** Inverse of {@link #toJson()}; rejects JSON without coordinates rather than inventing (0, 0). */
    public static Place fromJson(JsonObject json) {
        Double latitude = json.getDouble(LATITUDE);
        Double longitude = json.getDouble(LONGITUDE);
        if (latitude == null || longitude == null) {
            throw new IllegalArgumentException("a place needs latitude and longitude: " + json.encode());
        }
        return new Place(json.getString(COUNTRY), json.getString(REGION), json.getString(CITY),
                latitude, longitude, json.getInteger(ACCURACY_RADIUS_KM), json.getString(TIME_ZONE));
    }

    /** Short human text for risk details: "London, GB", "GB", or coordinates when nothing is named. */
    public String label() {
        if (city != null && country != null) {
            return city + ", " + country;
        }
        if (city != null) {
            return city;
        }
        if (country != null) {
            return country;
        }
        return String.format(Locale.ROOT, "%.2f,%.2f", latitude, longitude);
    }

    private static void putIfPresent(JsonObject json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
