package dev.amfa.simulate;

import java.util.List;

/**
 * IPs the simulator logs in from, per city, chosen so the GeoIP data in use places them: the real GeoLite2 City
 * download ({@link #GEOLITE}, what `./amfa serve` runs with) or MaxMind's test database ({@link #TEST}, what
 * the tests run with; from shared/geoip/GeoIP2-City-Test.source.json). Every address of a city is located in
 * that same city (checked against GeoLite2 City of 2026-11), so a user at home never seems to travel.
 *
 * @param homes    where users live
 * @param stuffing the few addresses a credential-stuffing burst comes from
 * @param vpnExits distant exits a VPN user hops between
 */
public record AddressBook(List<City> homes, List<String> stuffing, List<String> vpnExits) {

    /** A city and addresses located there; users of a city share its addresses' networks. */
    public record City(String name, List<String> ips) {
    }

    public static final AddressBook GEOLITE = new AddressBook(List.of(
            new City("Plymouth, GB", List.of("2.125.160.216", "2.125.160.217", "2.125.160.218")),
            new City("Bracknell, GB", List.of("81.2.69.160", "81.2.69.161")),
            new City("Paris, FR", List.of("62.210.16.6", "62.210.16.7")),
            new City("Kristinehamn, SE", List.of("89.160.20.112", "89.160.20.113")),
            new City("Syracuse, US", List.of("24.24.24.24")),
            new City("Sao Paulo, BR", List.of("200.160.2.3", "200.160.2.4")),
            new City("Sydney, AU", List.of("203.2.218.214", "203.2.218.215")),
            new City("Johannesburg, ZA", List.of("41.0.0.1", "41.0.0.2"))),
            List.of("79.143.0.1", "95.213.0.1", "185.220.101.1"),
            List.of("49.255.0.1", "62.210.16.8", "200.160.2.5"));

    public static final AddressBook TEST = new AddressBook(List.of(
            new City("Boxford, GB", List.of("2.125.160.216", "2.125.160.217", "2.2.3.5")),
            new City("Linköping, SE", List.of("89.160.20.112", "89.160.20.130")),
            new City("San Diego, US", List.of("214.78.120.5", "214.78.121.9")),
            new City("Melbourne, AU", List.of("214.0.1.5", "214.0.1.6")),
            new City("Singapore, SG", List.of("214.0.0.5", "214.0.0.6"))),
            List.of("175.16.199.5", "67.43.156.5", "202.196.224.5"),
            List.of("214.0.1.9", "89.160.20.140", "214.78.122.1"));

    public static AddressBook named(String name) {
        return switch (name) {
            case "geolite" -> GEOLITE;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException("unknown address book '" + name + "': geolite or test");
        };
    }
}
