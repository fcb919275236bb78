package dev.amfa.signals;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Device;
import dev.amfa.store.KnownDevice;
import dev.amfa.store.UserHistory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Has this user completed a login from this device recently? A device is recognised by its cookie together
 * with its fingerprint, by its fingerprint alone (a cleared cookie), or only resembled by its browser and OS
 * family (a new browser profile, or anyone with the same browser). What each combination yields is the table
 * "NewDevice: what the device sends" in docs/fact-model.md; {@code matched_by} in the details says which.
 */
public final class NewDeviceSignal implements Signal {
    public static final String NAME = "NewDevice";
    /** {@code matched_by}: what recognised the device. */
    static final String BY_ID = "device_id", BY_FINGERPRINT = "fingerprint", BY_USER_AGENT = "user_agent";
    /** {@code fingerprint} detail of a known cookie whose fingerprint is not the one it was learnt with. */
    static final String FINGERPRINT_DIFFERENT = "different", FINGERPRINT_NOT_SENT = "not_sent";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration budget(SignalSettings settings) {
        return settings.newDeviceBudget();
    }

    @Override
    public Future<Assessment> assess(SignalInput input) {
        Device device = input.device();
        if (device.key() == null && !recognisable(device)) {
            return Future.succeededFuture(assessment(Confidence.LOW, "unknown_device", new JsonObject()
                    .put("reason", "the request has neither a device id, a fingerprint nor a recognisable user agent")));
        }
        return input.history().map(h -> judge(device, h, input.now(), input.settings().deviceHistory()));
    }

    /** @param now the server's clock: the history window ends there, whatever the login's own timestamp */
    Assessment judge(Device device, UserHistory user, Instant now, Duration history) {
        if (user.neverSeen()) {
            return assessment(Confidence.LOW, "initial_login", new JsonObject().put("known_devices", 0));
        }
        Instant horizon = now.minus(history);
        List<KnownDevice> recent = user.devices().stream().filter(d -> !d.lastSeen().isBefore(horizon)).toList();
        JsonObject details = new JsonObject()
                .put("known_devices", recent.size())
                .put("history_days", history.toDays())
                .put("browser", device.getBrowserFamily())
                .put("os", device.getOsFamily());
        UserAgents.Families families = new UserAgents.Families(device.getBrowserFamily(), device.getOsFamily());
        if (device.getId() != null) {
            for (KnownDevice known : recent) {
                if (known.key().equals(device.key())) return byCookie(device, known, families, details);
            }
        }
        if (device.getFingerprint() != null) {
            for (KnownDevice known : recent) {
                if (device.getFingerprint().equals(known.fingerprint())) {
                    seen(details, known, BY_FINGERPRINT);
                    // The same fingerprint from another browser or OS is odd (fingerprints include the user
                    // agent) but close: a resemblance, not the device.
                    return contradicts(families, known)
                            ? assessment(Confidence.MEDIUM, "partial_match", details.put("user_agent", "different"))
                            : assessment(Confidence.HIGH, "match", details);
                }
            }
        }
        for (KnownDevice known : recent) {
            if (families.sameAs(known.browserFamily(), known.osFamily())) {
                return assessment(Confidence.MEDIUM, "partial_match", seen(details, known, BY_USER_AGENT));
            }
        }
        return assessment(Confidence.LOW, "no_match", details);
    }

    /**
     * A known cookie is the device only with the fingerprint it was learnt with: a cookie is easy to copy, a
     * browser's fingerprint less so. A different fingerprint from the same browser and OS family is what a
     * browser update looks like (medium); from another family it is a replayed cookie (low). A cookie sent
     * without the fingerprint it had is medium: dropping the fingerprint must not turn a stolen cookie into a match.
     */
    private static Assessment byCookie(Device device, KnownDevice known, UserAgents.Families families, JsonObject details) {
        seen(details, known, BY_ID);
        if (known.fingerprint() == null || known.fingerprint().equals(device.getFingerprint())) {
            return assessment(Confidence.HIGH, "match", details);
        }
        if (device.getFingerprint() == null) {
            return assessment(Confidence.MEDIUM, "partial_match", details.put("fingerprint", FINGERPRINT_NOT_SENT));
        }
        details.put("fingerprint", FINGERPRINT_DIFFERENT);
        return families.sameAs(known.browserFamily(), known.osFamily())
                ? assessment(Confidence.MEDIUM, "partial_match", details)
                : assessment(Confidence.LOW, "no_match", details);
    }

    private static JsonObject seen(JsonObject details, KnownDevice known, String matchedBy) {
        return details.put("matched_by", matchedBy).put("last_seen", known.lastSeen().toString());
    }

    /** Both sides name a recognised browser and OS, and they differ. */
    private static boolean contradicts(UserAgents.Families families, KnownDevice known) {
        return recognised(families.browser()) && recognised(families.os())
                && recognised(known.browserFamily()) && recognised(known.osFamily())
                && !families.sameAs(known.browserFamily(), known.osFamily());
    }

    /** A user agent whose browser and OS were recognised: comparable with history, though never a match alone. */
    private static boolean recognisable(Device device) {
        return recognised(device.getBrowserFamily()) && recognised(device.getOsFamily());
    }

    private static boolean recognised(String family) {
        return family != null && !UserAgents.UNKNOWN_FAMILY.equals(family);
    }

    private static Assessment assessment(Confidence confidence, String code, JsonObject details) {
        return new Assessment(NAME, confidence, code, details);
    }
}
