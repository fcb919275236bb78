package dev.amfa.signals;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.geo.AnonymousIp;
import dev.amfa.geo.GreatCircle;
import dev.amfa.geo.Place;
import dev.amfa.store.KnownLogin;
import dev.amfa.store.UserHistory;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.amfa.signals.SignalFixtures.LONDON;
import static dev.amfa.signals.SignalFixtures.NOW;
import static dev.amfa.signals.SignalFixtures.PARIS;
import static dev.amfa.signals.SignalFixtures.SYDNEY;
import static dev.amfa.signals.SignalFixtures.chromeOnWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImpossibleTravelSignalTest {
    private final ImpossibleTravelSignal signal = new ImpossibleTravelSignal();

    private static UserHistory loggedIn(KnownLogin... logins) {
        return new UserHistory(NOW.minus(Duration.ofDays(90)), List.of(), List.of(logins), List.of());
    }

    private Assessment assess(Place here, UserHistory history) {
        return signal.assess(SignalFixtures.input(chromeOnWindows("d"), here, history)).result();
    }

    /** The time it takes to cover London-Paris (minus London's 10 km accuracy radius and Paris's city coverage) at this speed. */
    private static Instant departedFromLondonAt(double kmh) {
        double km = GreatCircle.km(LONDON.latitude(), LONDON.longitude(), PARIS.latitude(), PARIS.longitude())
                - 10 - Place.CITY_RADIUS_KM;
        return NOW.minusMillis(Math.round(km / kmh * 3_600_000));
    }

    @Test
    void at990KmhTravelIsPossibleAndAt1010KmhItIsNot() {
        Assessment slower = assess(PARIS, loggedIn(new KnownLogin(LONDON, departedFromLondonAt(990))));
        assertEquals("substantial_travel_from_last_login", slower.getCode());
        assertEquals(Confidence.MEDIUM, slower.getConfidence());
        assertEquals(990, slower.getDetails().getDouble("speed_kmh"), 1);

        Assessment faster = assess(PARIS, loggedIn(new KnownLogin(LONDON, departedFromLondonAt(1010))));
        assertEquals("impossible_travel_from_last_login", faster.getCode());
        assertEquals(Confidence.LOW, faster.getConfidence());
        assertEquals(1010, faster.getDetails().getDouble("speed_kmh"), 1);
    }

    @Test
    void londonThenSydneyOneHourLaterIsImpossible() {
        Assessment result = assess(SYDNEY, loggedIn(new KnownLogin(LONDON, NOW.minus(Duration.ofHours(1)))));
        assertEquals("impossible_travel_from_last_login", result.getCode());
        var details = result.getDetails();
        assertEquals("London", details.getJsonObject("from").getString("city"));
        assertEquals("Sydney", details.getJsonObject("to").getString("city"));
        assertEquals(16_964, details.getDouble("distance_km"), 15); // 16,994 km minus London's 10 km radius and Sydney's 20 km city coverage
        assertEquals(1.0, details.getDouble("elapsed_hours"));
    }

    @Test
    void theAccuracyRadiusIsSubtractedFromTheDistance() {
        Place vagueFrance = new Place("FR", null, null, 46.0, 2.0, 500, null);
        Assessment result = assess(vagueFrance, loggedIn(new KnownLogin(PARIS, NOW.minus(Duration.ofMinutes(5)))));
        // Paris is about 320 km from the centre of France, within the 500 km the lookup could be off by.
        assertEquals("minimal_travel_from_last_login", result.getCode());
        assertEquals(0.0, result.getDetails().getDouble("distance_km"));
    }

    /** Where the flat GeoLite2 download puts every US address it knows only the country of: Kansas. */
    private static final Place US_CARRIER = new Place("US", null, null, 37.751, -97.822, null, "America/Chicago");
    private static final Place CHICAGO = new Place("US", "Illinois", "Chicago", 41.8835, -87.6305, null, "America/Chicago");

    @Test
    void aPhoneOnACountryLevelCarrierAddressIsNotAJourneyFromHome() {
        // Chicago to the US centroid is 920 km: with the centroid as an exact point, 14 minutes read as 3,900 km/h.
        Assessment phone = assess(US_CARRIER, loggedIn(new KnownLogin(CHICAGO, NOW.minus(Duration.ofMinutes(14)))));
        assertEquals("minimal_travel_from_last_login", phone.getCode());
        Assessment laptop = assess(CHICAGO, loggedIn(new KnownLogin(US_CARRIER, NOW.minus(Duration.ofMinutes(14)))));
        assertEquals("minimal_travel_from_last_login", laptop.getCode());
        assertEquals(0.0, laptop.getDetails().getDouble("distance_km"));
    }

    @Test
    void aCountryLevelPlaceIsStillImpossibleBeyondTheCountrysEdge() {
        // Sydney is 13,000 km from the US centroid, far beyond the 2,510 km a US country-level record covers.
        Assessment result = assess(US_CARRIER, loggedIn(new KnownLogin(SYDNEY, NOW.minus(Duration.ofHours(2)))));
        assertEquals("impossible_travel_from_last_login", result.getCode());
        assertTrue(result.getDetails().getDouble("distance_km") > 10_000, result.getDetails().encode());
    }

    @Test
    void aCountryLevelPlaceInHistoryIsNoNormalLocationForTheWholeCountry() {
        // A carrier login long ago covers all of the US: it must not make New York "normal" for a Chicago user.
        Place newYork = new Place("US", "New York", "New York", 40.7128, -74.0060, null, "America/New_York");
        Assessment result = assess(newYork, loggedIn(
                new KnownLogin(CHICAGO, NOW.minus(Duration.ofDays(1))),
                new KnownLogin(US_CARRIER, NOW.minus(Duration.ofDays(10)))));
        assertEquals("substantial_travel_from_last_login", result.getCode());
    }

    @Test
    void aShortHopIsMinimalTravel() {
        Place greenwich = new Place("GB", "England", "Greenwich", 51.4934, 0.0098, null, "Europe/London");
        assertEquals("minimal_travel_from_last_login",
                assess(greenwich, loggedIn(new KnownLogin(LONDON, NOW.minusSeconds(1)))).getCode());
    }

    @Test
    void aReturnToAPlaceLoggedInFromBeforeIsANormalLocation() {
        Assessment back = assess(PARIS, loggedIn(
                new KnownLogin(LONDON, NOW.minus(Duration.ofDays(2))),
                new KnownLogin(PARIS, NOW.minus(Duration.ofDays(20)))));
        assertEquals("travel_from_normal_location", back.getCode());
        assertEquals(Confidence.HIGH, back.getConfidence());
    }

    @Test
    void impossibleSpeedWinsOverANormalLocation() {
        Assessment back = assess(PARIS, loggedIn(
                new KnownLogin(SYDNEY, NOW.minus(Duration.ofHours(2))),
                new KnownLogin(PARIS, NOW.minus(Duration.ofDays(20)))));
        assertEquals("impossible_travel_from_last_login", back.getCode());
    }

    @Test
    void noPreviousLoginIsAnInitialLoginWithoutAnOpinion() {
        Assessment first = assess(LONDON, UserHistory.NONE);
        assertEquals("initial_login", first.getCode());
        assertEquals(Confidence.NEUTRAL, first.getConfidence());
    }

    @Test
    void anIpWithoutLocationIsAnUnknownLocation() {
        Assessment unknown = assess(null, loggedIn(new KnownLogin(LONDON, NOW.minusSeconds(60))));
        assertEquals("unknown_location", unknown.getCode());
        assertEquals(Confidence.LOW, unknown.getConfidence());
    }

    @Test
    void anAnonymisingIpCannotBeJudged() {
        AnonymousIp vpn = new AnonymousIp(true, false, false, false, false);
        Assessment result = signal.assess(SignalFixtures.input(chromeOnWindows("d"), LONDON, Optional.of(vpn),
                loggedIn(new KnownLogin(LONDON, NOW.minusSeconds(60))))).result();
        assertEquals("anonymous_proxy", result.getCode());
        assertEquals("anonymous_vpn", result.getDetails().getString("kind"));

        AnonymousIp hostingOnly = new AnonymousIp(false, false, false, false, true);
        Assessment hosting = signal.assess(SignalFixtures.input(chromeOnWindows("d"), LONDON, Optional.of(hostingOnly),
                loggedIn(new KnownLogin(LONDON, NOW.minusSeconds(60))))).result();
        assertEquals("minimal_travel_from_last_login", hosting.getCode());
    }

    @Test
    void aFailedGeoLookupIsNotAvailable() {
        SignalInput broken = new SignalInput("acme", "alice", SignalFixtures.input(chromeOnWindows("d"), null,
                UserHistory.NONE).ip(), NOW, chromeOnWindows("d"), null, "GeoIP lookup failed: corrupt",
                Optional.empty(), Future.succeededFuture(UserHistory.NONE), SignalFixtures.settings(), dev.amfa.ip.IpLists.empty());
        Assessment result = signal.assess(broken).result();
        assertEquals(Assessment.NOT_AVAILABLE, result.getCode());
        assertEquals(Confidence.LOW, result.getConfidence());
        assertTrue(result.getDetails().getString("reason").contains("corrupt"));
    }

    /** A login stored before timestamps were bounded (dated +999999999) must not break every later evaluation. */
    @Test
    void aLastLoginAtTheEndOfTimeIsJudgedWithoutOverflow() {
        Instant endOfTime = Instant.parse("+999999999-12-31T23:59:59Z");
        Assessment result = assess(SYDNEY, loggedIn(new KnownLogin(LONDON, endOfTime)));
        assertEquals("substantial_travel_from_last_login", result.getCode(), "so far apart in time any journey is possible");
        assertTrue(result.getDetails().getDouble("elapsed_hours") > 1e12);
    }
}
