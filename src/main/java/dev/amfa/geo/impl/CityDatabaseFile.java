package dev.amfa.geo.impl;

import com.maxmind.db.Metadata;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import dev.amfa.geo.GeoLookupException;
import dev.amfa.geo.Place;
import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/** One city database file: the schema-independent part of a lookup. */
abstract class CityDatabaseFile implements Closeable {

    private final Path file;
    private final Metadata metadata;
    private final CitySchema schema;

    CityDatabaseFile(Path file, Metadata metadata, CitySchema schema) {
        this.file = file;
        this.metadata = metadata;
        this.schema = schema;
    }

    final Optional<Place> locate(InetAddress ip) {
        // The reader does not refuse an IPv6 address in an IPv4-only tree: it walks the first 32 bits
        // and answers for whatever IPv4 network they spell (2a00:1450:: "is" 42.0.20.80, in China).
        if (ip instanceof Inet6Address && metadata.getIpVersion() == 4) {
            return Optional.empty();
        }
        try {
            // One place for the radius of records that have none or understate it, whichever the schema.
            return find(ip).map(Place::withCoverage);
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            // RuntimeException too: a corrupt search tree surfaces as IndexOutOfBoundsException.
            throw new GeoLookupException(ip, file, e);
        }
    }

    /** The record for the address in this file's schema; empty when unknown or without coordinates. */
    abstract Optional<Place> find(InetAddress ip) throws IOException, GeoIp2Exception;

    final String describe() {
        return metadata.getDatabaseType() + " (" + schema.label + " schema) " + file;
    }

    final Metadata metadata() {
        return metadata;
    }
}
