package dev.amfa.signals;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.geo.AnonymousIp;
import dev.amfa.ip.IpAddress;
import dev.amfa.ip.IpLists;
import dev.amfa.store.UserHistory;
import dev.amfa.store.memory.InMemoryVelocityStore;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static dev.amfa.signals.SignalFixtures.NOW;
import static dev.amfa.signals.SignalFixtures.chromeOnWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UntrustedIpSignalTest {
    private static final AnonymousIp TOR = new AnonymousIp(false, true, false, false, false);
    private static final AnonymousIp HOSTING = new AnonymousIp(false, false, false, false, true);

    private final SignalSettings settings = SignalFixtures.settings();
    private final InMemoryVelocityStore velocity = new InMemoryVelocityStore(settings.velocityWindow());
    private final UntrustedIpSignal signal;

    UntrustedIpSignalTest() throws IOException {
        signal = new UntrustedIpSignal(IpLists.load(Path.of("src/test/resources/signals/lists")), velocity);
    }

    private Assessment assess(String ip, Optional<AnonymousIp> anonymous) {
        SignalInput input = new SignalInput("acme", "alice", IpAddress.parse(ip), NOW, chromeOnWindows("d"), null,
                null, anonymous, Future.succeededFuture(UserHistory.NONE), settings, IpLists.empty());
        return signal.assess(input).result();
    }

    private void failures(String ip, int count, int users, Duration ago) {
        String key = IpAddress.canonical(IpAddress.parse(ip));
        for (int i = 0; i < count; i++) velocity.recordFailure(key, "acme/user-" + (i % users), NOW.minus(ago));
    }

    @Test
    void aDenyListedNetworkIsFoundWithItsListAndCategory() {
        Assessment result = assess("203.0.113.77", Optional.empty());
        assertEquals("found_on_deny_list", result.getCode());
        assertEquals(Confidence.LOW, result.getConfidence());
        assertEquals("botnet", result.getDetails().getString("list"));
        assertEquals("203.0.113.0/24", result.getDetails().getString("network"));
        assertEquals("abuse", result.getDetails().getString("category"));
    }

    @Test
    void anAllowListedNetworkIsTrustedWhateverElseSays() {
        failures("198.51.100.9", 100, 50, Duration.ofMinutes(1));
        Assessment result = assess("198.51.100.9", Optional.of(TOR));
        assertEquals("not_found_on_deny_list", result.getCode());
        assertEquals(Confidence.HIGH, result.getConfidence());
        assertEquals("allow_list", result.getDetails().getString("source"));
        assertEquals("office", result.getDetails().getString("list"));
    }

    @Test
    void velocityNeedsBothEnoughFailuresAndEnoughDistinctUsers() {
        int failures = settings.velocityFailures();
        int users = settings.velocityDistinctUsers();
        failures("192.0.2.1", failures - 1, users, Duration.ofMinutes(1));
        assertEquals("not_found_on_deny_list", assess("192.0.2.1", Optional.empty()).getCode());

        failures("192.0.2.2", failures, users, Duration.ofMinutes(1));
        Assessment burst = assess("192.0.2.2", Optional.empty());
        assertEquals("high_velocity", burst.getCode());
        assertEquals(Confidence.LOW, burst.getConfidence());
        assertEquals(failures, burst.getDetails().getInteger("failures"));
        assertEquals(users, burst.getDetails().getInteger("distinct_users"));

        failures("192.0.2.3", failures * 3, users - 1, Duration.ofMinutes(1));
        assertEquals("not_found_on_deny_list", assess("192.0.2.3", Optional.empty()).getCode());
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        failures("192.0.2.4", settings.velocityFailures() * 2, 10, settings.velocityWindow().plusMinutes(1));
        assertEquals("not_found_on_deny_list", assess("192.0.2.4", Optional.empty()).getCode());
    }

    @Test
    void anonymizersAreLowAndDatacentersMedium() {
        Assessment tor = assess("192.0.2.10", Optional.of(TOR));
        assertEquals("found_on_deny_list", tor.getCode());
        assertEquals(Confidence.LOW, tor.getConfidence());
        assertEquals("anonymizer", tor.getDetails().getString("category"));
        assertEquals("tor_exit_node", tor.getDetails().getString("kind"));

        Assessment hosting = assess("192.0.2.11", Optional.of(HOSTING));
        assertEquals(Confidence.MEDIUM, hosting.getConfidence());
        assertEquals("datacenter", hosting.getDetails().getString("category"));
    }

    @Test
    void ipv6IsLookedUpToo() {
        failures("2001:db8::1", settings.velocityFailures(), settings.velocityDistinctUsers(), Duration.ofMinutes(1));
        assertEquals("high_velocity", assess("2001:db8:0:0::1", Optional.empty()).getCode());
    }

    @Test
    void aCleanIpIsHighConfidence() {
        Assessment clean = assess("192.0.2.20", Optional.empty());
        assertEquals("not_found_on_deny_list", clean.getCode());
        assertEquals(Confidence.HIGH, clean.getConfidence());
    }

    /** A caller's timestamp an hour ahead used to move the window past the burst: the window ends at the server's clock. */
    @Test
    void theVelocityWindowEndsAtTheServersClockNotTheCallersTimestamp() {
        failures("192.0.2.3", settings.velocityFailures(), settings.velocityDistinctUsers(), Duration.ofMinutes(1));
        SignalInput claimsLater = new SignalInput("acme", "alice", IpAddress.parse("192.0.2.3"), NOW.plus(Duration.ofHours(1)),
                chromeOnWindows("d"), null, null, Optional.empty(), Future.succeededFuture(UserHistory.NONE), settings,
                IpLists.empty(), NOW);
        assertEquals("high_velocity", signal.assess(claimsLater).result().getCode());
    }
}
