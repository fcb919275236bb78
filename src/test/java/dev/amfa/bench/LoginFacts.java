package dev.amfa.bench;

import dev.amfa.facts.Action;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.BusinessHours;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Device;
import dev.amfa.facts.Factor;
import dev.amfa.facts.Geo;
import dev.amfa.facts.LoginContext;
import dev.amfa.facts.Org;
import dev.amfa.facts.User;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of one login, built the way {@code Evaluator#decide} builds them, and the action the shipped
 * baseline alone gives them. The benchmark cycles through {@link #all()} so the JIT never sees one constant path.
 */
record LoginFacts(String name, Action baselineAction, List<String> enrolled, List<Object> facts) {
    private static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private static final List<String> FACTORS = List.of("otp", "email", "webauthn-roaming");
    /** The org's settings as rules see them: adaptive mode, the defaults of an org's policy.json. */
    private static final Org ORG = new Org("acme", "adaptive", Set.of("GB", "SE"), ZoneId.of("Europe/London"),
            BusinessHours.ALWAYS, Factor.ALL);

    static List<LoginFacts> all() {
        return List.of(
                login("all-high", Action.ALLOW, "app-250", List.of(), gb(), FACTORS,
                        knownDevice(), minimalTravel(), notListed()),
                login("all-high, app with a policy", Action.ALLOW, "app-17", List.of("role-3"), se(), FACTORS,
                        knownDevice(), minimalTravel(), notListed()),
                login("one low (new device)", Action.CHALLENGE, "app-42", List.of("role-42"), us(), FACTORS,
                        new Assessment("NewDevice", Confidence.LOW, "no_match", new JsonObject().put("known_devices", 3)),
                        minimalTravel(), notListed()),
                login("one medium (travel)", Action.CHALLENGE, "app-250", List.of("role-1"), au(), FACTORS,
                        knownDevice(), new Assessment("ImpossibleTravel", Confidence.MEDIUM,
                                "substantial_travel_from_last_login", new JsonObject().put("km", 2400)), notListed()),
                login("two medium (compounded)", Action.CHALLENGE, "app-9", List.of("role-9"), gb(), FACTORS,
                        new Assessment("NewDevice", Confidence.MEDIUM, "partial_match", new JsonObject()),
                        new Assessment("ImpossibleTravel", Confidence.MEDIUM, "substantial_travel_from_last_login",
                                new JsonObject().put("km", 900)), notListed()),
                login("initial login", Action.CHALLENGE, "app-250", List.of(), se(), List.of("email"),
                        new Assessment("NewDevice", Confidence.LOW, "initial_login", new JsonObject()),
                        new Assessment("ImpossibleTravel", Confidence.NEUTRAL, "initial_login", new JsonObject()),
                        notListed()),
                login("deny-listed IP", Action.DENY, "app-42", List.of("role-42"), Geo.unknown(), FACTORS,
                        knownDevice(), new Assessment("ImpossibleTravel", Confidence.LOW, "unknown_location",
                                new JsonObject()),
                        new Assessment("UntrustedIP", Confidence.LOW, "found_on_deny_list", new JsonObject()
                                .put("source", "deny_list").put("list", "unroutable").put("network", "203.0.113.0/24")
                                .put("category", "unroutable"))),
                login("all-high, no factor enrolled", Action.ALLOW, "app-250", List.of(), us(), List.of(),
                        knownDevice(), minimalTravel(), notListed()));
    }

    private static LoginFacts login(String name, Action expected, String application, List<String> roles, Geo geo,
                                    List<String> enrolled, Assessment... assessments) {
        String user = "u-" + name.hashCode();
        List<Object> facts = new ArrayList<>();
        facts.add(new LoginContext("e-" + name.hashCode(), "acme", "authorization_code", application,
                "2.125.160.216", AT, null, List.of()));
        facts.add(new User(user, user + "@example.com", roles, Map.of("department", "sales"), enrolled, 0));
        facts.add(new Device("d-" + user, null, CHROME, "Chrome", "Windows"));
        facts.add(geo);
        facts.add(ORG);
        facts.addAll(List.of(assessments));
        return new LoginFacts(name, expected, enrolled, List.copyOf(facts));
    }

    private static Geo gb() {
        return new Geo(true, "GB", "Boxford", 51.75, -1.25, "Europe/London");
    }

    private static Geo se() {
        return new Geo(true, "SE", "Linköping", 58.4167, 15.6167, "Europe/Stockholm");
    }

    private static Geo us() {
        return new Geo(true, "US", "Milton", 47.2513, -122.3149, "America/Los_Angeles");
    }

    private static Geo au() {
        return new Geo(true, "AU", "Melbourne", -37.8159, 144.9669, "Australia/Melbourne");
    }

    private static Assessment knownDevice() {
        return new Assessment("NewDevice", Confidence.HIGH, "match",
                new JsonObject().put("last_seen", "2026-11-19T18:00:00Z"));
    }

    private static Assessment minimalTravel() {
        return new Assessment("ImpossibleTravel", Confidence.HIGH, "minimal_travel_from_last_login",
                new JsonObject().put("km", 3));
    }

    private static Assessment notListed() {
        return new Assessment("UntrustedIP", Confidence.HIGH, "not_found_on_deny_list",
                new JsonObject().put("failures", 0).put("distinct_users", 0));
    }
}
