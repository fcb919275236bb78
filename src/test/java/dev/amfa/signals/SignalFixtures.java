package dev.amfa.signals;

import dev.amfa.facts.Device;
import dev.amfa.geo.AnonymousIp;
import dev.amfa.geo.Place;
import dev.amfa.ip.IpAddress;
import dev.amfa.ip.IpLists;
import dev.amfa.store.UserHistory;
import io.vertx.core.Future;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Inputs for the signals' unit tests, with the shipped thresholds (rules/signals.properties). */
final class SignalFixtures {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Place LONDON = new Place("GB", "England", "London", 51.5142, -0.0931, 10, "Europe/London");
    static final Place PARIS = new Place("FR", "Ile-de-France", "Paris", 48.8566, 2.3522, null, "Europe/Paris");
    static final Place SYDNEY = new Place("AU", "New South Wales", "Sydney", -33.8688, 151.2093, null, "Australia/Sydney");

    private SignalFixtures() {
    }

    static SignalSettings settings() {
        try {
            return SignalSettings.load(Path.of("rules"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Device chromeOnWindows(String id) {
        return new Device(id, null, "ua", "Chrome", "Windows");
    }

    static SignalInput input(Device device, Place place, UserHistory history) {
        return input(device, place, Optional.empty(), history);
    }

    static SignalInput input(Device device, Place place, Optional<AnonymousIp> anonymous, UserHistory history) {
        return new SignalInput("acme", "alice", IpAddress.parse("81.2.69.142"), NOW, device, place, null,
                anonymous, Future.succeededFuture(history), settings(), IpLists.empty());
    }
}
