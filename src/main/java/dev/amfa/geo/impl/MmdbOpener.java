package dev.amfa.geo.impl;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens .mmdb files the one way this service wants them: memory-mapped (the OS pages the file in
 * and shares it, instead of a 30 MB heap copy per reader) with a decoded-record cache (login bursts
 * from one network hit the same records), and with errors that name the full path.
 */
final class MmdbOpener {

    private MmdbOpener() {
    }

    static Reader reader(Path file) throws IOException {
        try {
            return new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache());
        } catch (IOException | RuntimeException e) {
            throw cannotOpen(file, e);
        }
    }

    static DatabaseReader databaseReader(Path file) throws IOException {
        try {
            return new DatabaseReader.Builder(file.toFile())
                    .fileMode(Reader.FileMode.MEMORY_MAPPED)
                    .withCache(new CHMCache())
                    .build();
        } catch (IOException | RuntimeException e) {
            throw cannotOpen(file, e);
        }
    }

    /** The library's own messages name only the file's base name, or nothing at all. */
    private static IOException cannotOpen(Path file, Exception cause) {
        return new IOException("cannot open GeoIP database " + file + ": " + cause, cause);
    }
}
