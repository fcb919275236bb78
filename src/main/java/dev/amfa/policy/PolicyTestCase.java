package dev.amfa.policy;

import dev.amfa.evaluation.EvaluationRequest;
import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.evaluation.InvalidInputException;
import dev.amfa.evaluation.JsonFields;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Factor;
import dev.amfa.geo.Place;
import dev.amfa.signals.ImpossibleTravelSignal;
import dev.amfa.signals.NewDeviceSignal;
import dev.amfa.signals.UntrustedIpSignal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of policies/&lt;org&gt;/tests/*.json: an evaluation request, the signal results to assume (no GeoIP,
 * no store: the case says what the signals found), and what the policy must decide. See
 * docs/policy-authoring.md for the format.
 *
 * @param expect what must hold; every key optional but "action"
 */
public record PolicyTestCase(String file, String name, EvaluationRequest request, List<Assessment> assumed,
                             Place place, int recentFailures, Expectation expect) {

    /** Cases without a timestamp are evaluated at this instant (a Monday, noon UTC), so results never depend on the day. */
    public static final Instant DEFAULT_TIME = Instant.parse("2026-01-05T12:00:00Z");
    private static final String DEFAULT_IP = "203.0.113.10";

    /**
     * @param absentFactors factors that must not be offered; rules and absentRules name rules that must and
     *                      must not have fired
     */
    public record Expectation(String action, String decided, List<String> factors, List<String> absentFactors,
                              List<String> enroll, List<String> rules, List<String> absentRules, Boolean evaluated) {
    }

    /** A file holds one case (an object) or several (an array of objects). */
    public static List<PolicyTestCase> parseFile(String org, String file, String text) throws PolicyFileException {
        Object parsed;
        try {
            parsed = io.vertx.core.buffer.Buffer.buffer(text).toJsonValue();
        } catch (DecodeException e) {
            throw new PolicyFileException(file, null, "not valid JSON: " + e.getMessage());
        }
        List<JsonObject> cases = new ArrayList<>();
        if (parsed instanceof JsonObject one) {
            cases.add(one);
        } else if (parsed instanceof JsonArray many) {
            for (int i = 0; i < many.size(); i++) {
                if (!(many.getValue(i) instanceof JsonObject json)) throw new PolicyFileException(file, "[" + i + "]", "must be an object");
                cases.add(json);
            }
        } else {
            throw new PolicyFileException(file, null, "must be a test case object or an array of them");
        }
        List<PolicyTestCase> result = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String prefix = parsed instanceof JsonArray ? "[" + i + "]." : "";
            try {
                CaseKeys.check(cases.get(i), prefix, cases.get(i).getValue("name") instanceof String name ? name : null);
                result.add(parse(org, file, new JsonFields(cases.get(i), prefix)));
            } catch (InvalidInputException e) {
                throw new PolicyFileException(file, e.field(), e.getMessage());
            }
        }
        return result;
    }

    private static PolicyTestCase parse(String org, String file, JsonFields json) {
        String name = json.requiredString("name", 200);
        JsonObject request = json.requiredObject("request").json().copy();
        request.put("org", request.getValue("org", org));
        if (request.getValue("ip") == null) request.put("ip", DEFAULT_IP);
        EvaluationRequest parsed;
        try {
            parsed = new EvaluationRequestParser(Clock.fixed(DEFAULT_TIME, ZoneOffset.UTC)).parse(request);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(json.path("request") + (e.field() == null ? "" : "." + e.field()), e.getMessage());
        }
        Integer failures = json.optionalInteger("recent_failures", 0, 1_000_000);
        return new PolicyTestCase(file, name, parsed, assumed(json.optionalObject("assume")),
                place(json.optionalObject("geo")), failures == null ? 0 : failures, expectation(json.requiredObject("expect")));
    }

    /** What the signals found; a signal the case does not mention found nothing wrong. */
    private static List<Assessment> assumed(JsonFields assume) {
        Map<String, Assessment> bySignal = new LinkedHashMap<>();
        bySignal.put(NewDeviceSignal.NAME, new Assessment(NewDeviceSignal.NAME, Confidence.HIGH, "match", null));
        bySignal.put(ImpossibleTravelSignal.NAME, new Assessment(ImpossibleTravelSignal.NAME, Confidence.HIGH,
                "minimal_travel_from_last_login", null));
        bySignal.put(UntrustedIpSignal.NAME, new Assessment(UntrustedIpSignal.NAME, Confidence.HIGH,
                "not_found_on_deny_list", null));
        if (assume != null) {
            for (String signal : assume.json().fieldNames()) {
                bySignal.put(signal, EvaluationRequestParser.assessment(signal, assume.requiredObject(signal)));
            }
        }
        return List.copyOf(bySignal.values());
    }

    private static Place place(JsonFields geo) {
        if (geo == null) return null;
        try {
            return Place.fromJson(geo.json());
        } catch (RuntimeException e) {
            throw new InvalidInputException(geo.path("latitude"), "a place needs country, latitude and longitude: " + e.getMessage());
        }
    }

    /** A misspelt factor here would never be offered, so the assertion would hold whatever the rules did. */
    private static List<String> absentFactors(JsonFields expect) {
        List<String> factors = expect.stringList("absent_factors", 16, 32);
        for (int i = 0; i < factors.size(); i++) {
            if (!Factor.isKnown(factors.get(i))) {
                throw new InvalidInputException(expect.path("absent_factors") + "[" + i + "]", "is not a factor; factors are "
                        + Factor.ALL + DidYouMean.hint(factors.get(i), Factor.ALL));
            }
        }
        return factors;
    }

    private static Expectation expectation(JsonFields expect) {
        String action = expect.requiredString("action", 16);
        String decided = expect.optionalString("decided", 16);
        for (String value : new String[] {action, decided}) {
            if (value != null && !List.of("allow", "challenge", "deny").contains(value)) {
                throw new InvalidInputException(expect.path(value.equals(action) ? "action" : "decided"),
                        "must be allow, challenge or deny");
            }
        }
        Object evaluated = expect.json().getValue("evaluated");
        if (evaluated != null && !(evaluated instanceof Boolean)) {
            throw new InvalidInputException(expect.path("evaluated"), "must be true or false");
        }
        return new Expectation(action, decided,
                expect.has("factors") ? expect.stringList("factors", 16, 32) : null,
                absentFactors(expect),
                expect.has("enroll") ? expect.stringList("enroll", 16, 32) : null,
                expect.stringList("rules", 100, 200), expect.stringList("absent_rules", 100, 200), (Boolean) evaluated);
    }
}
