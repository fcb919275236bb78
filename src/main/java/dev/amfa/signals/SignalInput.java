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
 * @param orgAllow networks the org's policy trusts
 */
public record SignalInput(String org, String userId, InetAddress ip, Instant at, Device device,
                          Place place, String geoError, Optional<AnonymousIp> anonymous,
                          Future<UserHistory> history, SignalSettings settings, IpLists orgAllow) {
}
