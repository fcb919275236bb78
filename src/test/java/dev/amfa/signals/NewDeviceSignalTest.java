package dev.amfa.signals;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Device;
import dev.amfa.store.KnownDevice;
import dev.amfa.store.UserHistory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.amfa.signals.SignalFixtures.NOW;
import static dev.amfa.signals.SignalFixtures.chromeOnWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NewDeviceSignalTest {
    private final NewDeviceSignal signal = new NewDeviceSignal();

    private static UserHistory seen(KnownDevice... devices) {
        return new UserHistory(NOW.minus(Duration.ofDays(400)), List.of(devices), List.of(), List.of());
    }

    private static KnownDevice known(String key, String browser, String os, Instant lastSeen) {
        return new KnownDevice(key, browser, os, lastSeen);
    }

    private Assessment assess(Device device, UserHistory history) {
        return signal.assess(SignalFixtures.input(device, null, history)).result();
    }

    @Test
    void aDeviceSeen29DaysAgoMatchesAndOne31DaysAgoDoesNot() {
        Device laptop = chromeOnWindows("laptop");
        Assessment recent = assess(laptop, seen(known("id:laptop", "Chrome", "Windows", NOW.minus(Duration.ofDays(29)))));
        assertEquals("match", recent.getCode());
        assertEquals(Confidence.HIGH, recent.getConfidence());

        Device firefox = new Device("laptop", null, "ua", "Firefox", "Linux");
        Assessment old = assess(firefox, seen(known("id:laptop", "Chrome", "Windows", NOW.minus(Duration.ofDays(31)))));
        assertEquals("no_match", old.getCode());
        assertEquals(Confidence.LOW, old.getConfidence());
    }

    @Test
    void exactlyThirtyDaysIsStillInsideTheWindow() {
        Assessment edge = assess(chromeOnWindows("laptop"),
                seen(known("id:laptop", "Chrome", "Windows", NOW.minus(Duration.ofDays(30)))));
        assertEquals("match", edge.getCode());
    }

    @Test
    void theFingerprintIdentifiesADeviceWithoutACookie() {
        Device fingerprinted = new Device(null, "fp-123", "ua", "Chrome", "Windows");
        assertEquals("match", assess(fingerprinted, seen(known("fp:fp-123", "Chrome", "Windows", NOW))).getCode());
        // A cookie takes precedence: a device with both is known by its cookie.
        Device both = new Device("cookie", "fp-123", "ua", "Safari", "iOS");
        assertEquals("no_match", assess(both, seen(known("fp:fp-123", "Chrome", "Windows", NOW))).getCode());
    }

    @Test
    void theSameBrowserAndOsOnAnUnknownIdIsAPartialMatch() {
        Assessment partial = assess(chromeOnWindows("new-profile"),
                seen(known("id:laptop", "Chrome", "Windows", NOW.minus(Duration.ofDays(3)))));
        assertEquals("partial_match", partial.getCode());
        assertEquals(Confidence.MEDIUM, partial.getConfidence());
        assertEquals("Chrome", partial.getDetails().getString("browser"));
    }

    @Test
    void unrecognisedUserAgentsNeverMatchEachOther() {
        Device unknown = new Device("new", null, "curl", UserAgents.UNKNOWN_FAMILY, UserAgents.UNKNOWN_FAMILY);
        Assessment result = assess(unknown, seen(known("id:old", UserAgents.UNKNOWN_FAMILY, UserAgents.UNKNOWN_FAMILY, NOW)));
        assertEquals("no_match", result.getCode());
    }

    @Test
    void aUserWithNoHistoryIsAnInitialLogin() {
        Assessment first = assess(chromeOnWindows("laptop"), UserHistory.NONE);
        assertEquals("initial_login", first.getCode());
        assertEquals(Confidence.LOW, first.getConfidence());
    }

    @Test
    void nothingToIdentifyTheDeviceIsAnUnknownDevice() {
        Assessment none = assess(new Device(null, null, "ua", "Chrome", "Windows"), seen());
        assertEquals("unknown_device", none.getCode());
        assertEquals(Confidence.LOW, none.getConfidence());
    }

    /** A login dated 10 days back must not bring a device last seen 35 days ago back into the 30-day window. */
    @Test
    void theDeviceHistoryWindowEndsAtTheServersClockNotTheCallersTimestamp() {
        SignalInput input = SignalFixtures.input(chromeOnWindows("laptop"), null,
                seen(known("id:laptop", "Chrome", "Windows", NOW.minus(Duration.ofDays(35)))));
        SignalInput backdated = new SignalInput(input.org(), input.userId(), input.ip(), NOW.minus(Duration.ofDays(10)),
                input.device(), null, null, input.anonymous(), input.history(), input.settings(), input.orgAllow(), NOW);
        assertEquals("no_match", signal.assess(backdated).result().getCode());
    }
}
