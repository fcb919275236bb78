package dev.amfa.geo.impl;

import com.maxmind.db.Reader;
import dev.amfa.geo.CityLocator;
import dev.amfa.geo.Place;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks each city database file in the configured order; the first that knows the address answers. */
public final class CityLocatorChain implements CityLocator {

    private static final Logger log = LoggerFactory.getLogger(CityLocatorChain.class);

    private final List<CityDatabaseFile> databases;

    private CityLocatorChain(List<CityDatabaseFile> databases) {
        this.databases = databases;
    }

    public static CityLocator open(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no city database files given");
        }
        List<CityDatabaseFile> opened = new ArrayList<>();
        try {
            for (Path file : files) {
                CityDatabaseFile database = openOne(file);
                opened.add(database);
                log.info("Opened GeoIP city database {}, built {}", database.describe(),
                        database.metadata().getBuildDate().toInstant());
            }
        } catch (IOException | RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
        return new CityLocatorChain(List.copyOf(opened));
    }

    private static CityDatabaseFile openOne(Path file) throws IOException {
        Reader reader = MmdbOpener.reader(file);
        CitySchema schema;
        try {
            schema = CitySchema.of(file, reader.getMetadata().getDatabaseType());
        } catch (IOException e) {
            reader.close();
            throw e;
        }
        if (schema == CitySchema.FLAT) {
            return new FlatCityDatabase(file, reader);
        }
        // DatabaseReader maps the file on its own; this reader was only needed for the metadata.
        reader.close();
        return new MaxMindCityDatabase(file, MmdbOpener.databaseReader(file));
    }

    @Override
    public Optional<Place> locate(InetAddress ip) {
        Objects.requireNonNull(ip, "ip");
        for (CityDatabaseFile database : databases) {
            Optional<Place> place = database.locate(ip);
            if (place.isPresent()) {
                return place;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> describe() {
        return databases.stream().map(CityDatabaseFile::describe).toList();
    }

    @Override
    public void close() throws IOException {
        IOException failure = new IOException("closing GeoIP city databases failed");
        closeAll(databases, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /** Closes every file even when one fails; failures are attached to {@code collector}. */
    private static void closeAll(List<CityDatabaseFile> databases, Exception collector) {
        for (CityDatabaseFile database : databases) {
            try {
                database.close();
            } catch (IOException e) {
                collector.addSuppressed(e);
            }
        }
    }

    @Override
    public String toString() {
        return "CityLocator" + describe();
    }
}
