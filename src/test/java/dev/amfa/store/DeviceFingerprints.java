package dev.amfa.store;

import dev.amfa.TestService;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every {@link UserHistoryStore} must keep of a device's fingerprint; run against each store. */
public final class DeviceFingerprints {
    private DeviceFingerprints() {
    }

    /**
     * A cookie's fingerprint is kept until the device sends another one: a success without one does not
     * erase it (the signal then compares against it), a success with a new one replaces it (a browser
     * update the user confirmed). A device known only by its fingerprint carries it.
     */
    public static void checkLearning(UserHistoryStore writer, UserHistoryStore reader, Instant t) {
        TestService.await(writer.rememberSuccess("acme", "fp", t, new KnownDevice("id:laptop", "fp-1", "Chrome", "Windows", t), null));
        assertEquals("fp-1", fingerprint(reader, "id:laptop"));
        TestService.await(writer.rememberSuccess("acme", "fp", t.plusSeconds(60),
                new KnownDevice("id:laptop", null, "Chrome", "Windows", t.plusSeconds(60)), null));
        assertEquals("fp-1", fingerprint(reader, "id:laptop"), "a success without a fingerprint keeps the one learnt");
        TestService.await(writer.rememberSuccess("acme", "fp", t.plusSeconds(120),
                new KnownDevice("id:laptop", "fp-2", "Chrome", "Windows", t.plusSeconds(120)), null));
        assertEquals("fp-2", fingerprint(reader, "id:laptop"));
        TestService.await(writer.rememberSuccess("acme", "fp", t.plusSeconds(180),
                new KnownDevice("fp:fp-3", null, "Safari", "iOS", t.plusSeconds(180)), null));
        assertEquals("fp-3", fingerprint(reader, "fp:fp-3"));
    }

    private static String fingerprint(UserHistoryStore store, String key) {
        return TestService.await(store.load("acme", "fp")).devices().stream().filter(d -> d.key().equals(key))
                .findFirst().orElseThrow().fingerprint();
    }
}
