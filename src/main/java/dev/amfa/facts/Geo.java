package dev.amfa.facts;

import java.util.Arrays;

/** Where the login's IP is, from GeoIP; {@code known} is false when the database has no location for it. */
public final class Geo {
    private final boolean known;
    private final String country;
    private final String city;
    private final Double latitude;
    private final Double longitude;
    private final String timeZone;

    public Geo(boolean known, String country, String city, Double latitude, Double longitude, String timeZone) {
        this.known = known;
        this.country = country;
        this.city = city;
        this.latitude = latitude;
        this.longitude = longitude;
        this.timeZone = timeZone;
    }

    public static Geo unknown() {
        return new Geo(false, null, null, null, null, null);
    }

    public boolean isKnown() { return known; }
    public String getCountry() { return country; }
    public String getCity() { return city; }
    public Double getLatitude() { return latitude; }
    public Double getLongitude() { return longitude; }
    public String getTimeZone() { return timeZone; }

    /** True when the country (ISO 3166 alpha-2) is one of these; an unknown country is in none. */
    @Helper("one or more ISO 3166 alpha-2 codes: `Geo(countryIn(\"KP\", \"IR\"))`")
    public boolean countryIn(String... countries) {
        return country != null && Arrays.asList(countries).contains(country);
    }

    @Override
    public String toString() {
        return known ? "Geo(" + (city == null ? "" : city + ", ") + country + ")" : "Geo(unknown)";
    }
}
