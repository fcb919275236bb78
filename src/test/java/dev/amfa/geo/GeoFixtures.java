package dev.amfa.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** MaxMind's public test databases (src/test/resources/geoip, MIT) and address parsing for the tests. */
final class GeoFixtures {

    /** Relative to the module directory, which is the working directory under Maven and the console launcher. */
    private static final Path TEST_DATABASES = Path.of("src/test/resources/geoip");

    static final Path CITY_TEST_DB = database("GeoIP2-City-Test.mmdb");
    static final Path ANONYMOUS_TEST_DB = database("GeoIP2-Anonymous-IP-Test.mmdb");

    private GeoFixtures() {
    }

    static Path database(String fileName) {
        return TEST_DATABASES.resolve(fileName);
    }

    /** Parses an address literal; never touches DNS. */
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
