package dev.amfa.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics being gathered, whichever log they come from, and their JSON: counts are added (the heap
 * log adds one decision at a time, SQL adds whole groups), then ranked and cut to size once.
 */
public final class StatsReport {
    /** Rows of the ranked tables: enough for a dashboard, bounded whatever the traffic. */
    static final int TOP_COUNTRIES = 50;
    static final int TOP_ROUTES = 10;
    static final int TOP_FAMILIES = 15;
    static final String UNKNOWN = "unknown";

    private final StatsQuery query;
    private final Map<Instant, long[]> buckets = new TreeMap<>();
    private final Map<String, Map<String, Long>> signals = new TreeMap<>();
    private final Map<String, long[]> countries = new HashMap<>();
    private final Map<String, Long> routes = new HashMap<>();
    private final Map<String, Long> browsers = new HashMap<>();
    private final Map<String, Long> systems = new HashMap<>();
    private final Map<String, Long> firstTry = new TreeMap<>();
    private final Map<String, Long> legitimate = new TreeMap<>();

    public StatsReport(StatsQuery query) {
        this.query = query;
        for (Instant t = query.firstBucket(); t.isBefore(query.to()); t = t.plus(query.step())) buckets.put(t, new long[3]);
    }

    public void decisions(Instant bucket, long evaluations, long challenges, long denials) {
        long[] counts = buckets.computeIfAbsent(bucket, b -> new long[3]);
        counts[0] += evaluations;
        counts[1] += challenges;
        counts[2] += denials;
    }

    public void signal(String signal, String code, long count) {
        signals.computeIfAbsent(signal, s -> new TreeMap<>()).merge(code, count, Long::sum);
    }

    public void country(String country, long logins, long challenges) {
        long[] counts = countries.computeIfAbsent(country == null ? UNKNOWN : country, c -> new long[2]);
        counts[0] += logins;
        counts[1] += challenges;
    }

    public void route(String from, String to, long count) {
        routes.merge(from + " → " + to, count, Long::sum);
    }

    public void device(String browser, String os, long count) {
        browsers.merge(browser == null ? UNKNOWN : browser, count, Long::sum);
        systems.merge(os == null ? UNKNOWN : os, count, Long::sum);
    }

    public void falsePositive(String signal, long passedFirstTry, long markedLegitimate) {
        if (passedFirstTry > 0) firstTry.merge(signal, passedFirstTry, Long::sum);
        if (markedLegitimate > 0) legitimate.merge(signal, markedLegitimate, Long::sum);
    }

    public JsonObject toJson() {
        JsonArray series = new JsonArray();
        long evaluations = 0, challenges = 0, denials = 0;
        for (Map.Entry<Instant, long[]> b : buckets.entrySet()) {
            long[] c = b.getValue();
            evaluations += c[0];
            challenges += c[1];
            denials += c[2];
            series.add(new JsonObject().put("t", b.getKey().toString()).put("evaluations", c[0])
                    .put("challenges", c[1]).put("denials", c[2]).put("challenge_rate", rate(c[1], c[0])));
        }
        JsonArray byCountry = new JsonArray();
        countries.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, long[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .limit(TOP_COUNTRIES)
                .forEach(e -> byCountry.add(new JsonObject().put("country", e.getKey()).put("logins", e.getValue()[0])
                        .put("challenges", e.getValue()[1]).put("challenge_rate", rate(e.getValue()[1], e.getValue()[0]))));
        JsonArray topRoutes = new JsonArray();
        ranked(routes, TOP_ROUTES).forEach((route, n) -> topRoutes.add(new JsonObject().put("route", route).put("count", n)));
        JsonObject signalCodes = new JsonObject();
        signals.forEach((signal, codes) -> signalCodes.put(signal, new JsonObject(new LinkedHashMap<>(codes))));
        return new JsonObject()
                .put("org", query.org()).put("from", query.from().toString()).put("to", query.to().toString())
                .put("bucket", query.bucket())
                .put("totals", new JsonObject().put("evaluations", evaluations).put("challenges", challenges)
                        .put("denials", denials).put("challenge_rate", rate(challenges, evaluations)))
                .put("series", series)
                .put("signals", signalCodes)
                .put("countries", byCountry)
                .put("routes", topRoutes)
                .put("devices", new JsonObject().put("browsers", new JsonObject(ranked(browsers, TOP_FAMILIES)))
                        .put("os", new JsonObject(ranked(systems, TOP_FAMILIES))))
                .put("false_positives", new JsonObject()
                        .put("passed_first_try", new JsonObject(new LinkedHashMap<>(firstTry)))
                        .put("marked_legitimate", new JsonObject(new LinkedHashMap<>(legitimate))));
    }

    private static Map<String, Object> ranked(Map<String, Long> counts, int top) {
        Map<String, Object> ranked = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .limit(top).forEach(e -> ranked.put(e.getKey(), e.getValue()));
        return ranked;
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
