package dev.amfa.geo;

import dev.amfa.geo.impl.CityLocatorChain;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * City lookup over one or more MaxMind DB files. Several files are allowed because the free flat
 * download ships one file per address family; a lookup asks each file in order until one knows the IP.
 * Implementations are thread-safe and meant to be shared.
 */
public interface CityLocator extends Closeable {

    /**
     * @return the place, or empty when no database knows the address (or knows it without coordinates)
     * @throws GeoLookupException when a database fails to answer, e.g. because the file is corrupt
     */
    Optional<Place> locate(InetAddress ip);

    /** One line per file, e.g. "GeoIP2-City (maxmind schema) /path", for health output. */
    List<String> describe();

    /**
     * Opens the files memory-mapped, picking the record schema of each from its metadata.
     *
     * @throws IOException naming the file when one is missing, unreadable, not a MaxMind DB or not a city database
     */
    static CityLocator open(List<Path> files) throws IOException {
        return CityLocatorChain.open(files);
    }
}
