package dev.amfa.store;

import java.time.Instant;

/** A device a user completed a login from: its identity key and the browser and OS it reported. */
public record KnownDevice(String key, String browserFamily, String osFamily, Instant lastSeen) {
}
