package dev.amfa.policy;

import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.evaluation.JsonFields;
import dev.amfa.facts.BusinessHours;
import dev.amfa.facts.Factor;
import dev.amfa.ip.Cidr;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An org's policy settings, {@code policies/<org>/policy.json}; every field optional. Documented with
 * examples in docs/policy-authoring.md.
 */
public record OrgSettings(PolicyMode mode, List<String> factors, Set<String> homeCountries, ZoneId timeZone,
                          BusinessHours businessHours, List<Cidr> allowNetworks, Map<String, String> thresholds,
                          int rolloutPercent, ExternalRiskSettings externalRisk, boolean requireRuleCoverage) {

    public static final String FILE_NAME = "policy.json";
    /** Every field policy.json may have (docs/policy-authoring.md has a row for each, AuthorDocsTest checks). */
    public static final List<String> FIELDS = List.of("mode", "factors", "home_countries", "time_zone", "business_hours",
            "allow_networks", "thresholds", "rollout_percent", "external_risk", "require_rule_coverage");
    public static final OrgSettings DEFAULT = new OrgSettings(PolicyMode.ADAPTIVE, Factor.ALL, Set.of(),
            ZoneId.of("UTC"), BusinessHours.ALWAYS, List.of(), Map.of(), 100, null, false);

    /** policy.json's text, {@code //} comments allowed; a DecodeException when it is not a JSON object. */
    public static OrgSettings parse(String file, String text) throws PolicyFileException {
        return parse(file, new JsonObject(withoutComments(text)));
    }

    public static OrgSettings parse(String file, JsonObject json) throws PolicyFileException {
        try {
            return parse(new JsonFields(json, ""));
        } catch (InvalidInputException e) {
            throw new PolicyFileException(file, e.field(), e.getMessage());
        }
    }

    private static OrgSettings parse(JsonFields json) {
        onlyKnown(json, FIELDS.toArray(String[]::new));
        PolicyMode mode = PolicyMode.ADAPTIVE;
        String modeText = json.optionalString("mode", 16);
        if (modeText != null) {
            try {
                mode = PolicyMode.valueOf(modeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("mode", "must be one of adaptive, always, off, audit");
            }
        }
        List<String> factors = json.has("factors") ? json.stringList("factors", Factor.ALL.size(), 32) : Factor.ALL;
        if (factors.isEmpty()) {
            // Every challenge would then have nothing to offer: each login would fail closed with no way through.
            throw new InvalidInputException("factors", "must enable at least one factor (leave it out for all of them)");
        }
        for (int i = 0; i < factors.size(); i++) {
            if (!Factor.isKnown(factors.get(i))) {
                throw new InvalidInputException("factors[" + i + "]", "must be one of " + Factor.ALL);
            }
        }
        Set<String> home = new TreeSet<>();
        for (String country : json.stringList("home_countries", 250, 2)) {
            if (!country.matches("[A-Z]{2}")) {
                throw new InvalidInputException("home_countries", "'" + country + "' is not an ISO 3166 alpha-2 code");
            }
            home.add(country);
        }
        ZoneId zone = zone(json.optionalString("time_zone", 64));
        JsonFields hours = json.optionalObject("business_hours");
        List<Cidr> allow = json.stringList("allow_networks", 10_000, 64).stream().map(OrgSettings::network).toList();
        Map<String, String> thresholds = new LinkedHashMap<>();
        JsonFields overrides = json.optionalObject("thresholds");
        if (overrides != null) {
            overrides.json().forEach(e -> {
                if (!(e.getValue() instanceof Number number)) {
                    throw new InvalidInputException("thresholds." + e.getKey(), "must be a number");
                }
                thresholds.put(e.getKey(), number.toString());
            });
        }
        Integer rollout = json.optionalInteger("rollout_percent", 0, 100);
        return new OrgSettings(mode, List.copyOf(factors), Set.copyOf(home), zone,
                hours == null ? BusinessHours.ALWAYS : businessHours(hours), allow, Map.copyOf(thresholds),
                rollout == null ? 100 : rollout, externalRisk(json.optionalObject("external_risk")),
                Boolean.TRUE.equals(bool(json, "require_rule_coverage")));
    }

    private static Boolean bool(JsonFields json, String name) {
        Object value = json.json().getValue(name);
        if (value != null && !(value instanceof Boolean)) throw new InvalidInputException(json.path(name), "must be true or false");
        return (Boolean) value;
    }

    /**
     * policy.json as written: {@code //} comments (to the end of the line, outside strings) are allowed, so
     * the scaffold of {@code amfa init-policy} can show every setting commented out with its default.
     */
    public static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) out.append(text.charAt(++i));
                else if (c == '"') inString = false;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') i++;
                if (i < text.length()) out.append('\n');
            } else {
                if (c == '"') inString = true;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static ZoneId zone(String text) {
        if (text == null) return DEFAULT.timeZone();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new InvalidInputException("time_zone", "'" + text + "' is not an IANA time zone such as Europe/Berlin");
        }
    }

    private static Cidr network(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("allow_networks", e.getMessage());
        }
    }

    /** A misspelt setting ("home_country") would otherwise do nothing, silently. */
    private static void onlyKnown(JsonFields json, String... known) {
        List<String> names = List.of(known);
        for (String field : json.json().fieldNames()) {
            if (!names.contains(field)) {
                throw new InvalidInputException(json.path(field), "is not a setting; expected one of " + names);
            }
        }
    }

    private static BusinessHours businessHours(JsonFields hours) {
        onlyKnown(hours, "days", "start", "end");
        if (hours.stringList("days", 7, 9).isEmpty()) {
            throw new InvalidInputException(hours.path("days"), "is required: the days business hours apply to, e.g. [\"MONDAY\"]");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : hours.stringList("days", 7, 9)) {
            try {
                days.add(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(hours.path("days"), "'" + day + "' is not a day such as MONDAY");
            }
        }
        LocalTime start = time(hours, "start");
        LocalTime end = time(hours, "end");
        if (!start.isBefore(end)) throw new InvalidInputException(hours.path("end"), "must be after start");
        return new BusinessHours(days, start, end);
    }

    private static LocalTime time(JsonFields hours, String name) {
        String text = hours.requiredString(name, 5);
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidInputException(hours.path(name), "must be a time such as 08:30");
        }
    }

    private static ExternalRiskSettings externalRisk(JsonFields risk) {
        if (risk == null) return null;
        onlyKnown(risk, "url", "timeout_ms", "cache_seconds");
        String url = risk.requiredString("url", 2048);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(risk.path("url"), "is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidInputException(risk.path("url"), "must be an http or https URL");
        }
        // Both required: how long a login may wait on a third party is the author's call, not a hidden default.
        Integer timeout = risk.optionalInteger("timeout_ms", 1, 10_000);
        if (timeout == null) throw new InvalidInputException(risk.path("timeout_ms"), "is required");
        Integer cache = risk.optionalInteger("cache_seconds", 0, 86_400);
        if (cache == null) throw new InvalidInputException(risk.path("cache_seconds"), "is required");
        return new ExternalRiskSettings(uri, Duration.ofMillis(timeout), Duration.ofSeconds(cache));
    }
}
