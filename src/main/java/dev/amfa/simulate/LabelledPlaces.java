package dev.amfa.simulate;

import java.util.List;

/**
 * Real GeoLite2 places for the labelled population (`amfa simulate --labelled`), found in the flat
 * ip-location-db download of 2026-06 (what `./amfa serve` runs with) and checked by LabelledPlacesTest:
 * every city address is located in that city, every carrier address in that country without a city.
 *
 * @param cities      where users live and work, on six continents
 * @param carriers    mobile carriers' country-level addresses, one entry per country of a city
 * @param stuffing    the credential-stuffing script's three IPv4 addresses (country-level, RU and NL)
 * @param ipv6Stuffer the /64 an IPv6 stuffer rotates its addresses in (written as its first 64 bits)
 * @param abuse       addresses on the run's abuse deny list
 */
public record LabelledPlaces(List<City> cities, List<Carrier> carriers, List<String> stuffing, String ipv6Stuffer,
                             List<String> abuse) {

    /**
     * A city: the home networks its users log in from (IPv4, and IPv6 for some homes), its office network, and
     * an address an attacker in the same city uses (never a user's).
     */
    public record City(String name, String country, String continent, List<String> ipv4, String ipv6,
                       String office, String attacker) {
    }

    /** A country's mobile carriers: addresses GeoIP knows only the country of (it places them on the centroid). */
    public record Carrier(String country, List<String> ipv4, String ipv6) {
    }

    public Carrier carrier(String country) {
        return carriers.stream().filter(c -> c.country().equals(country)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no carrier for " + country));
    }

    public static final LabelledPlaces GEOLITE = new LabelledPlaces(List.of(
            new City("Chicago", "US", "NA", List.of("4.16.34.10", "8.40.16.10"), "2001:550:10::10", "12.4.92.10", "12.4.92.77"),
            new City("New York", "US", "NA", List.of("4.28.184.10", "12.0.18.10"), "2600:381:2484::10", "12.25.88.10", "12.25.88.77"),
            new City("San Francisco", "US", "NA", List.of("3.172.105.10", "12.23.57.10"), "2001:5a8:680::10", "12.27.69.10", "12.27.69.77"),
            new City("Toronto", "CA", "NA", List.of("2.16.167.10", "5.101.222.10"), "2001:470:1d:4d6::10", "17.18.32.10", "17.18.32.77"),
            new City("Mexico City", "MX", "NA", List.of("2.16.252.10", "23.58.116.10"), "2806:2f0:9181:8000::10", "38.124.174.10", "38.124.174.77"),
            new City("Buenos Aires", "AR", "SA", List.of("2.16.15.10", "23.47.182.10"), "2800:810:80::10", "45.87.8.10", "45.87.8.77"),
            new City("Berlin", "DE", "EU", List.of("2.202.133.10", "2.213.0.10"), "2003:a:370::10", "2.245.64.10", "2.245.64.77"),
            new City("Munich", "DE", "EU", List.of("2.204.240.10", "5.182.152.10"), "2001:a61:1080::10", "24.134.220.10", "24.134.220.77"),
            new City("London", "GB", "EU", List.of("1.186.160.10", "5.187.32.10"), "2001:470:1f1d:100::10", "8.208.16.10", "8.208.16.77"),
            new City("Paris", "FR", "EU", List.of("2.58.198.10", "5.51.240.10"), "2001:861:5e40::10", "31.57.219.10", "31.57.219.77"),
            new City("Madrid", "ES", "EU", List.of("2.16.8.10", "2.136.104.10"), "2a00:11c0:1e::10", "31.4.240.10", "31.4.240.77"),
            new City("Stockholm", "SE", "EU", List.of("2.248.62.10", "2.249.21.10"), "2001:9b1:4000::10", "23.61.240.10", "23.61.240.77"),
            new City("Tokyo", "JP", "AS", List.of("3.44.128.10", "5.226.48.10"), "2001:240:2900::10", "14.137.255.10", "14.137.255.77"),
            new City("Singapore", "SG", "AS", List.of("1.178.89.10", "5.8.68.10"), "2405:4200::10", "13.144.128.10", "13.144.128.77"),
            new City("Mumbai", "IN", "AS", List.of("5.45.39.10", "14.143.22.10"), "2405:201:200::10", "20.150.18.140", "20.150.18.177"),
            new City("Seoul", "KR", "AS", List.of("1.11.64.10", "23.74.16.10"), "240b:400d::10", "39.123.96.10", "39.123.96.77"),
            new City("Sydney", "AU", "OC", List.of("1.40.0.10", "1.158.64.10"), "2001:8000:800::10", "3.106.0.10", "3.106.0.77"),
            new City("Melbourne", "AU", "OC", List.of("1.43.0.10", "14.200.14.10"), "2001:8003:4030::10", "14.201.32.10", "14.201.32.77"),
            new City("Johannesburg", "ZA", "AF", List.of("41.10.69.10", "41.76.208.10"), "2c0f:f2a0:400::10", "41.132.0.10", "41.132.0.77"),
            new City("Lagos", "NG", "AF", List.of("8.35.57.10", "102.134.20.10"), "2605:59c1:1a00::10", "105.119.0.10", "105.119.0.77")),
            List.of(
                    new Carrier("US", List.of("3.54.128.10", "1.178.0.10"), "2001:408::10"),
                    new Carrier("CA", List.of("23.140.120.10", "23.150.184.10"), "2001:410::10"),
                    new Carrier("MX", List.of("148.233.64.10", "148.214.48.10"), "2001:1229:0:8000::10"),
                    new Carrier("AR", List.of("45.169.250.10", "170.78.200.10"), "2800:810:8000::10"),
                    new Carrier("DE", List.of("2.28.0.10", "2.163.0.10"), "2001:470:5:15c::10"),
                    new Carrier("GB", List.of("9.145.0.10", "5.150.76.10"), "2001:470:5:29::10"),
                    new Carrier("FR", List.of("1.179.112.10", "5.39.110.10"), "2001:470:5:a7::10"),
                    new Carrier("ES", List.of("2.152.128.10", "45.143.56.10"), "2001:470:180b::10"),
                    new Carrier("SE", List.of("2.0.0.10", "20.91.128.10"), "2001:470:28:d8::10"),
                    new Carrier("JP", List.of("1.67.0.10", "1.0.16.10"), "2001:200::10"),
                    new Carrier("SG", List.of("14.100.128.10", "1.21.224.10"), "2001:208::10"),
                    new Carrier("IN", List.of("1.6.176.10", "1.6.0.10"), "2001:470:5288::10"),
                    new Carrier("KR", List.of("27.180.0.10", "42.38.0.10"), "2001:220::10"),
                    new Carrier("AU", List.of("1.0.4.10", "58.6.96.10"), "2001:360::10"),
                    new Carrier("ZA", List.of("41.148.0.10", "41.192.128.10"), "2001:42c8:180::10"),
                    new Carrier("NG", List.of("102.92.64.10", "41.87.64.10"), "2c0f:2280::10")),
            List.of("5.8.64.10", "2.92.0.10", "2.23.192.10"),
            "2001:470:5:a1",
            List.of("185.220.101.10", "185.220.101.11"));
}
