package dev.amfa.signals;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.geo.GreatCircle;
import dev.amfa.geo.Place;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.UserHistory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;

/**
 * Could the user have travelled from their last successful login to here in the time between? Distances are
 * reduced by both places' coverage (the GeoIP accuracy radius, or for a record without a city the country's
 * extent), so travel is measured from the edge of what is known and an imprecise lookup does not read as a
 * journey: a phone on a carrier's country-level address is not "in Kansas".
 */
public final class ImpossibleTravelSignal implements Signal {
    public static final String NAME = "ImpossibleTravel";
    /** Logins closer together than this are treated as this far apart in time, so a speed is always finite. */
    private static final Duration SHORTEST_ELAPSED = Duration.ofSeconds(1);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration budget(SignalSettings settings) {
        return settings.impossibleTravelBudget();
    }

    @Override
    public Future<Assessment> assess(SignalInput input) {
        if (input.anonymous().map(a -> a.hidesLocation()).orElse(false)) {
            return Future.succeededFuture(assessment(Confidence.LOW, "anonymous_proxy",
                    new JsonObject().put("kind", input.anonymous().get().kind())));
        }
        if (input.geoError() != null) {
            return Future.succeededFuture(Assessment.notAvailable(NAME, input.geoError()));
        }
        if (input.place() == null) {
            return Future.succeededFuture(assessment(Confidence.LOW, "unknown_location",
                    new JsonObject().put("reason", "GeoIP has no location for this IP")));
        }
        return input.history().map(h -> judge(input.place(), input.at(), h, input.settings()));
    }

    Assessment judge(Place here, Instant at, UserHistory user, SignalSettings settings) {
        KnownLogin last = user.lastLogin().orElse(null);
        if (last == null) {
            return assessment(Confidence.NEUTRAL, "initial_login", new JsonObject().put("to", here.toJson()));
        }
        double km = separationKm(last.place(), here);
        Duration elapsed = Duration.between(last.at(), at).abs();
        double hours = hours(elapsed.compareTo(SHORTEST_ELAPSED) < 0 ? SHORTEST_ELAPSED : elapsed);
        double speed = km / hours;
        JsonObject details = new JsonObject()
                .put("from", last.place().toJson().put("at", last.at().toString()))
                .put("to", here.toJson().put("at", at.toString()))
                .put("distance_km", round(km))
                .put("elapsed_hours", round(hours(elapsed)))
                .put("speed_kmh", round(speed));
        if (km < settings.minimalTravelKm()) {
            return assessment(Confidence.HIGH, "minimal_travel_from_last_login", details);
        }
        if (speed > settings.impossibleSpeedKmh()) {
            return assessment(Confidence.LOW, "impossible_travel_from_last_login", details);
        }
        for (KnownLogin before : user.logins()) {
            // A country-wide place would vouch for every place in the country: only a city can be a normal location.
            if (before.place().city() != null && separationKm(before.place(), here) <= settings.normalLocationKm()) {
                return assessment(Confidence.HIGH, "travel_from_normal_location", details);
            }
        }
        return assessment(Confidence.MEDIUM, "substantial_travel_from_last_login", details);
    }

    /**
     * In seconds, not {@code toMillis()}: a history written before timestamps were bounded may hold a login
     * dated +999999999, and its distance from now in milliseconds overflows a long (ArithmeticException).
     */
    private static double hours(Duration elapsed) {
        return (elapsed.getSeconds() + elapsed.getNano() / 1e9) / 3600.0;
    }

    /** Great-circle distance minus what either lookup could be off by; never negative. */
    static double separationKm(Place a, Place b) {
        double km = GreatCircle.km(a.latitude(), a.longitude(), b.latitude(), b.longitude());
        return Math.max(0, km - radius(a) - radius(b));
    }

    /** Stored places from before lookups estimated coverage have no radius: estimated here the same way. */
    private static double radius(Place place) {
        return place.coverageKm();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static Assessment assessment(Confidence confidence, String code, JsonObject details) {
        return new Assessment(NAME, confidence, code, details);
    }
}
