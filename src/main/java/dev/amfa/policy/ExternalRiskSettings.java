package dev.amfa.policy;

import java.net.URI;
import java.time.Duration;

/** An org's external risk service: where to ask, how long to wait, how long an answer stays good. */
public record ExternalRiskSettings(URI url, Duration timeout, Duration cacheFor) {
}
