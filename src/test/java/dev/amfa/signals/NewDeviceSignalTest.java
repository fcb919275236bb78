package dev.amfa.signals;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Device;
import dev.amfa.store.KnownDevice;
import dev.amfa.store.UserHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        return new KnownDevice(key, null, browser, os, lastSeen);
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

    private static KnownDevice known(String key, String fingerprint, String browser, String os) {
        return new KnownDevice(key, fingerprint, browser, os, NOW.minus(Duration.ofDays(2)));
    }

    @Test
    void theFingerprintIdentifiesADeviceWithoutACookie() {
        Device fingerprinted = new Device(null, "fp-123", "ua", "Chrome", "Windows");
        Assessment byFingerprint = assess(fingerprinted, seen(known("fp:fp-123", "Chrome", "Windows", NOW)));
        assertEquals("match", byFingerprint.getCode());
        assertEquals("fingerprint", byFingerprint.getDetails().getString("matched_by"));
        // Another browser with another cookie and another fingerprint is not that device.
        Device other = new Device("cookie", "fp-999", "ua", "Safari", "iOS");
        assertEquals("no_match", assess(other, seen(known("fp:fp-123", "Chrome", "Windows", NOW))).getCode());
    }

    /**
     * The table "NewDevice: what the device sends" in docs/fact-model.md, against a user whose one known
     * device is the laptop (cookie {@code laptop}, fingerprint {@code fp-laptop}, Chrome on Windows). An
     * empty cell is null.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "cookie and its fingerprint,              laptop, fp-laptop,  Chrome,  Windows, match,         HIGH,   device_id,   ",
            "cleared cookie: known fingerprint,       fresh,  fp-laptop,  Chrome,  Windows, match,         HIGH,   fingerprint, ",
            "known fingerprint: another browser,      fresh,  fp-laptop,  Firefox, Linux,   partial_match, MEDIUM, fingerprint, ",
            "stolen cookie: foreign fp; browser,      laptop, fp-thief,   Firefox, Linux,   no_match,      LOW,    device_id,   different",
            "cookie: another fp; same browser,        laptop, fp-updated, Chrome,  Windows, partial_match, MEDIUM, device_id,   different",
            "cookie without the fingerprint it had,   laptop,           , Chrome,  Windows, partial_match, MEDIUM, device_id,   not_sent",
            "new cookie and fp: same browser+OS,      fresh,  fp-other,   Chrome,  Windows, partial_match, MEDIUM, user_agent,  ",
            "new cookie and fp: another browser,      fresh,  fp-other,   Safari,  iOS,     no_match,      LOW,    ,            ",
    })
    void eachCombinationOfCookieFingerprintAndBrowser(String name, String id, String fingerprint, String browser, String os,
                                                      String code, Confidence confidence, String matchedBy, String fingerprintDetail) {
        KnownDevice laptop = new KnownDevice("id:laptop", "fp-laptop", "Chrome", "Windows", NOW.minus(Duration.ofDays(2)));
        Assessment result = assess(new Device(id, fingerprint, "ua", browser, os), seen(laptop));
        assertEquals(code, result.getCode());
        assertEquals(confidence, result.getConfidence());
        assertEquals(matchedBy, result.getDetails().getString("matched_by"));
        assertEquals(fingerprintDetail, result.getDetails().getString("fingerprint"));
    }

    @Test
    void aCookieLearntBeforeFingerprintsWereStoredStillMatchesByItself() {
        Device laptop = new Device("laptop", "fp-laptop", "ua", "Chrome", "Windows");
        assertEquals("match", assess(laptop, seen(known("id:laptop", null, "Chrome", "Windows"))).getCode());
    }

    @Test
    void onlyAUserAgentIsComparedWithHistory() {
        Device agentOnly = new Device(null, null, "ua", "Chrome", "Windows");
        Assessment same = assess(agentOnly, seen(known("id:laptop", "fp-laptop", "Chrome", "Windows")));
        assertEquals("partial_match", same.getCode());
        assertEquals("user_agent", same.getDetails().getString("matched_by"));
        assertEquals("no_match", assess(agentOnly, seen(known("id:phone", null, "Safari", "iOS"))).getCode());
        assertEquals("initial_login", assess(agentOnly, UserHistory.NONE).getCode());
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
        Device nothing = new Device(null, null, "curl/8", UserAgents.UNKNOWN_FAMILY, UserAgents.UNKNOWN_FAMILY);
        Assessment none = assess(nothing, seen(known("id:laptop", null, UserAgents.UNKNOWN_FAMILY, UserAgents.UNKNOWN_FAMILY)));
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
