package dev.amfa.geo.impl;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.record.Location;
import com.maxmind.geoip2.record.Subdivision;
import dev.amfa.geo.Place;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/** A GeoIP2/GeoLite2 City file, read with MaxMind's own model classes. */
final class MaxMindCityDatabase extends CityDatabaseFile {

    private final DatabaseReader reader;

    MaxMindCityDatabase(Path file, DatabaseReader reader) {
        super(file, reader.getMetadata(), CitySchema.MAXMIND);
        this.reader = reader;
    }

    @Override
    Optional<Place> find(InetAddress ip) throws IOException, GeoIp2Exception {
        return reader.tryCity(ip).flatMap(MaxMindCityDatabase::toPlace);
    }

    private static Optional<Place> toPlace(CityResponse response) {
        Location location = response.getLocation();
        if (location.getLatitude() == null || location.getLongitude() == null) {
            return Optional.empty();
        }
        // The top-level subdivision (England, not West Berkshire) matches the flat schema's state1,
        // so both schemas describe a region at the same level.
        Subdivision region = response.getLeastSpecificSubdivision();
        return Optional.of(new Place(
                response.getCountry().getIsoCode(),
                region.getName() != null ? region.getName() : region.getIsoCode(),
                response.getCity().getName(),
                location.getLatitude(),
                location.getLongitude(),
                location.getAccuracyRadius(),
                location.getTimeZone()));
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
