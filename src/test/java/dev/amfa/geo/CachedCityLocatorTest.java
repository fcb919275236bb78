package dev.amfa.geo;

import dev.amfa.ip.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachedCityLocatorTest {
    private static final Place LONDON = new Place("GB", null, "London", 51.5, -0.1, 10, null);

    @Test
    void answersAndUnknownsAreRememberedFailuresAreNot() {
        AtomicInteger lookups = new AtomicInteger();
        CityLocator counting = new CityLocator() {
            public Optional<Place> locate(java.net.InetAddress ip) {
                lookups.incrementAndGet();
                if (ip.getHostAddress().equals("192.0.2.66")) throw new GeoLookupException("corrupt", null);
                return ip.getHostAddress().equals("81.2.69.142") ? Optional.of(LONDON) : Optional.empty();
            }
            public List<String> describe() { return List.of("counting"); }
            public void close() { }
        };
        CachedCityLocator cached = new CachedCityLocator(counting, 10);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of(LONDON), cached.locate(IpAddress.parse("81.2.69.142")));
            assertEquals(Optional.empty(), cached.locate(IpAddress.parse("10.0.0.1")));
        }
        assertEquals(2, lookups.get());
        assertThrows(GeoLookupException.class, () -> cached.locate(IpAddress.parse("192.0.2.66")));
        assertThrows(GeoLookupException.class, () -> cached.locate(IpAddress.parse("192.0.2.66")));
        assertEquals(4, lookups.get());
    }
}
