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
 * Has this user completed a login from this device recently? The device is known by its cookie, else its
 * fingerprint; an unknown device with the same browser and OS family as a known one is a partial match
 * (a cleared cookie, a new browser profile).
 */
public final class NewDeviceSignal implements Signal {
    public static final String NAME = "NewDevice";


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
        if (device.key() == null) {
            return Future.succeededFuture(assessment(Confidence.LOW, "unknown_device",
                    new JsonObject().put("reason", "the request has neither a device id nor a fingerprint")));
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
        for (KnownDevice known : recent) {
            if (known.key().equals(device.key())) {
                return assessment(Confidence.HIGH, "match", details.put("last_seen", known.lastSeen().toString()));
            }
        }
        UserAgents.Families families = new UserAgents.Families(device.getBrowserFamily(), device.getOsFamily());
        for (KnownDevice known : recent) {
            if (families.sameAs(known.browserFamily(), known.osFamily())) {
                return assessment(Confidence.MEDIUM, "partial_match", details.put("last_seen", known.lastSeen().toString()));
            }
        }
        return assessment(Confidence.LOW, "no_match", details);
    }

    private static Assessment assessment(Confidence confidence, String code, JsonObject details) {
        return new Assessment(NAME, confidence, code, details);
    }
}
