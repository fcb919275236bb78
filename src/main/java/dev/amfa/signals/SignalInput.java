package dev.amfa.signals;

import dev.amfa.facts.Device;
import dev.amfa.geo.AnonymousIp;
import dev.amfa.geo.Place;
import dev.amfa.ip.IpLists;
import dev.amfa.store.UserHistory;
import io.vertx.core.Future;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * What the signals look at, gathered once per evaluation: lookups two signals share (GeoIP, anonymous-IP data,
 * the user's history) are made once here, not once per signal.
 *
 * @param place    where the IP is; null when GeoIP does not know it or failed ({@code geoError} then says why)
 * @param history  the user's history, one store read shared by the device and travel signals
 * @param settings the thresholds in force for the org (the baseline's with the org's overrides)
 * @param at       when the login happened, as the caller says (bounded by the parser): travel's elapsed time
 * @param orgAllow networks the org's policy trusts
 * @param now      the server's clock: where every window (device history, velocity) ends, so a caller's
 *                 timestamp can neither look into the future nor bring a stale device back into the window
 */
public record SignalInput(String org, String userId, InetAddress ip, Instant at, Device device,
                          Place place, String geoError, Optional<AnonymousIp> anonymous,
                          Future<UserHistory> history, SignalSettings settings, IpLists orgAllow, Instant now) {

    /** An input whose login happens now (the signals' unit tests). */
    public SignalInput(String org, String userId, InetAddress ip, Instant at, Device device, Place place, String geoError,
                       Optional<AnonymousIp> anonymous, Future<UserHistory> history, SignalSettings settings, IpLists orgAllow) {
        this(org, userId, ip, at, device, place, geoError, anonymous, history, settings, orgAllow, at);
    }
}
