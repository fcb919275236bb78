package dev.amfa.geo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Remembers recent lookups: decoding a City record costs about a tenth of an evaluation (measured with JFR,
 * bench/README.md), and logins come from the same addresses again and again. Failed lookups are not cached.
 */
public final class CachedCityLocator implements CityLocator {
    private final CityLocator databases;
    private final Cache<InetAddress, Optional<Place>> recent;

    public CachedCityLocator(CityLocator databases, int addresses) {
        this.databases = databases;
        this.recent = Caffeine.newBuilder().maximumSize(addresses).build();
    }

    @Override
    public Optional<Place> locate(InetAddress ip) {
        Optional<Place> known = recent.getIfPresent(ip);
        if (known != null) return known;
        Optional<Place> found = databases.locate(ip);
        recent.put(ip, found);
        return found;
    }

    @Override
    public List<String> describe() {
        return databases.describe();
    }

    @Override
    public void close() throws IOException {
        recent.invalidateAll();
        databases.close();
    }
}
