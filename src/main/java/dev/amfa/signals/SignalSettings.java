package dev.amfa.signals;

import dev.amfa.store.Stores;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The signals' thresholds, read from {@code signals.properties} in the rules directory. They live there, not
 * in Java, so a policy author tunes them beside the rules; every key is required so nothing falls back to a
 * value nobody wrote down. An org may override any of them (policy.json "thresholds").
 */
public record SignalSettings(
        Duration deviceHistory,
        double minimalTravelKm,
        double normalLocationKm,
        double impossibleSpeedKmh,
        Duration velocityWindow,
        int velocityFailures,
        int velocityDistinctUsers,
        Duration newDeviceBudget,
        Duration impossibleTravelBudget,
        Duration untrustedIpBudget,
        double externalHighRiskAbove,
        double externalElevatedRiskAbove,
        Map<String, String> values) {

    public static final String FILE_NAME = "signals.properties";

    public static SignalSettings load(Path rulesDir) throws IOException {
        Path file = rulesDir.resolve(FILE_NAME);
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        try {
            return parse(values);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /**
     * These settings with some keys replaced (an org's overrides).
     *
     * @throws IllegalArgumentException naming a key that does not exist or a value that is not valid
     */
    public SignalSettings withOverrides(Map<String, String> overrides) {
        if (overrides.isEmpty()) return this;
        Map<String, String> merged = new TreeMap<>(values);
        for (var override : overrides.entrySet()) {
            if (!values.containsKey(override.getKey())) {
                throw new IllegalArgumentException("unknown threshold " + override.getKey()
                        + ", expected one of " + new java.util.TreeSet<>(values.keySet()));
            }
            merged.put(override.getKey(), override.getValue());
        }
        return parse(merged);
    }

    private static SignalSettings parse(Map<String, String> values) {
        Keys keys = new Keys(values);
        return new SignalSettings(
                Duration.ofDays(keys.positiveLong("new_device.history_days")),
                keys.positiveDouble("impossible_travel.minimal_km"),
                keys.positiveDouble("impossible_travel.normal_location_km"),
                keys.positiveDouble("impossible_travel.impossible_kmh"),
                keys.velocityWindow(),
                (int) keys.positiveLong("untrusted_ip.velocity_failures"),
                (int) keys.positiveLong("untrusted_ip.velocity_distinct_users"),
                Duration.ofMillis(keys.positiveLong("new_device.budget_ms")),
                Duration.ofMillis(keys.positiveLong("impossible_travel.budget_ms")),
                Duration.ofMillis(keys.positiveLong("untrusted_ip.budget_ms")),
                keys.score("external_risk.high_risk_above"),
                keys.score("external_risk.elevated_risk_above"),
                Map.copyOf(values));
    }

    private record Keys(Map<String, String> values) {
        Duration velocityWindow() {
            Duration window = Duration.ofMinutes(positiveLong("untrusted_ip.velocity_window_minutes"));
            if (window.compareTo(Stores.VELOCITY_RETENTION) > 0) {
                throw new IllegalArgumentException("untrusted_ip.velocity_window_minutes must be at most "
                        + Stores.VELOCITY_RETENTION.toMinutes() + " (how long failures are kept)");
            }
            return window;
        }

        long positiveLong(String key) {
            String text = required(key);
            try {
                long value = Long.parseLong(text);
                if (value > 0) return value;
            } catch (NumberFormatException ignored) {
                // reported below with the key's name
            }
            throw new IllegalArgumentException(key + " must be a positive whole number, was '" + text + "'");
        }

        /** A threshold on an external risk score, which runs from -1 to 1. */
        double score(String key) {
            String text = required(key);
            try {
                double value = Double.parseDouble(text);
                if (value >= -1 && value <= 1) return value;
            } catch (NumberFormatException ignored) {
                // reported below with the key's name
            }
            throw new IllegalArgumentException(key + " must be a number from -1 to 1, was '" + text + "'");
        }

        double positiveDouble(String key) {
            String text = required(key);
            try {
                double value = Double.parseDouble(text);
                if (value > 0 && Double.isFinite(value)) return value;
            } catch (NumberFormatException ignored) {
                // reported below with the key's name
            }
            throw new IllegalArgumentException(key + " must be a positive number, was '" + text + "'");
        }

        private String required(String key) {
            String text = values.get(key);
            if (text == null || text.isBlank()) throw new IllegalArgumentException("missing required key " + key);
            return text.strip();
        }
    }
}
