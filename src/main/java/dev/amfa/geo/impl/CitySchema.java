package dev.amfa.geo.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The two record layouts a city database can have, told apart by the metadata's database type. */
enum CitySchema {

    /** MaxMind's nested GeoIP2/GeoLite2 City records (also DB-IP's City Lite), read through DatabaseReader. */
    MAXMIND("maxmind"),

    /** ip-location-db's flat records: country_code, state1, state2, city, postcode, latitude, longitude, timezone. */
    FLAT("flat");

    final String label;

    CitySchema(String label) {
        this.label = label;
    }

    static CitySchema of(Path file, String databaseType) throws IOException {
        // The same test DatabaseReader.tryCity applies, so a file we route there is never refused by it.
        if (databaseType.contains("City")) {
            return MAXMIND;
        }
        // ip-location-db writes a lower-case "city ipv4" / "city ipv6".
        if (databaseType.toLowerCase(Locale.ROOT).startsWith("city")) {
            return FLAT;
        }
        throw new IOException("GeoIP database " + file + " has type '" + databaseType
                + "', which is not a city database");
    }
}
