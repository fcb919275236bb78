package dev.amfa.store;

import dev.amfa.facts.Device;
import dev.amfa.facts.DeviceKeys;

import java.time.Instant;

/**
 * A device a user completed a login from: its identity key ({@link Device#key()}), the fingerprint it sent
 * (null when none), and the browser and OS it reported. A device known only by its fingerprint carries it in
 * its key; devices learnt before fingerprints were stored beside the key get it back from there.
 */
public record KnownDevice(String key, String fingerprint, String browserFamily, String osFamily, Instant lastSeen) {
    public KnownDevice {
        if (fingerprint == null && key != null && key.startsWith(DeviceKeys.FINGERPRINT)) {
            fingerprint = key.substring(DeviceKeys.FINGERPRINT.length());
        }
    }

    /** What a new success from the same device teaches: its families and time, and its fingerprint when it sent one. */
    public KnownDevice seenAgain(KnownDevice now) {
        return new KnownDevice(key, now.fingerprint != null ? now.fingerprint : fingerprint, now.browserFamily,
                now.osFamily, lastSeen.isAfter(now.lastSeen) ? lastSeen : now.lastSeen);
    }
}
