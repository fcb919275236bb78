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
 * @param accuracyRadiusKm MaxMind's accuracy radius; null when the database has none (flat schema)
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
