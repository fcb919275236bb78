package dev.amfa.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How far a country-level GeoIP record may be from where the user really is: the distance from the point
 * such records sit on (the country's centroid: Kansas for the US) within which 99 % of the country's located
 * cities lie. Measured from the GeoLite2 City download by {@code bin/CountryExtents.java} into
 * {@code geo/country-extent-km.csv}; the US is 2,510 km (the contiguous states, not Hawaii), Germany 440 km,
 * Singapore 30 km.
 */
public final class CountryExtents {
    /** The shipped table. */
    public static final CountryExtents SHIPPED = load("/geo/country-extent-km.csv");
    /**
     * For a country the table does not know, or a record without a country: about the median of the table's
     * large countries. Generous on purpose: too small a radius turns an imprecise place into a journey.
     */
    static final int UNKNOWN_KM = 1_000;

    private final Map<String, Integer> radii;

    CountryExtents(Map<String, Integer> radii) {
        this.radii = Map.copyOf(radii);
    }

    /** The country's extent in km; {@link #UNKNOWN_KM} for null or unknown codes. */
    public int radiusKm(String country) {
        if (country == null) return UNKNOWN_KM;
        return radii.getOrDefault(country.toUpperCase(Locale.ROOT), UNKNOWN_KM);
    }

    static CountryExtents load(String resource) {
        try (InputStream in = CountryExtents.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            Map<String, Integer> radii = new HashMap<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cells = line.split(",");
                radii.put(cells[0].strip(), Integer.parseInt(cells[1].strip()));
            }
            return new CountryExtents(radii);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
