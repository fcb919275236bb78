package dev.amfa.signals;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The signals' thresholds, read from {@code signals.properties} in the rules directory. They live there, not
 * in Java, so a policy author tunes them beside the rules; every key is required so nothing falls back to a
 * value nobody wrote down.
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
        Duration untrustedIpBudget) {

    public static final String FILE_NAME = "signals.properties";

    public static SignalSettings load(Path rulesDir) throws IOException {
        Path file = rulesDir.resolve(FILE_NAME);
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        Keys keys = new Keys(file, p);
        return new SignalSettings(
                Duration.ofDays(keys.positiveLong("new_device.history_days")),
                keys.positiveDouble("impossible_travel.minimal_km"),
                keys.positiveDouble("impossible_travel.normal_location_km"),
                keys.positiveDouble("impossible_travel.impossible_kmh"),
                Duration.ofMinutes(keys.positiveLong("untrusted_ip.velocity_window_minutes")),
                (int) keys.positiveLong("untrusted_ip.velocity_failures"),
                (int) keys.positiveLong("untrusted_ip.velocity_distinct_users"),
                Duration.ofMillis(keys.positiveLong("new_device.budget_ms")),
                Duration.ofMillis(keys.positiveLong("impossible_travel.budget_ms")),
                Duration.ofMillis(keys.positiveLong("untrusted_ip.budget_ms")));
    }

    private record Keys(Path file, Properties values) {
        long positiveLong(String key) throws IOException {
            String text = required(key);
            try {
                long value = Long.parseLong(text);
                if (value > 0) return value;
            } catch (NumberFormatException ignored) {
                // reported below with the key's name
            }
            throw new IOException(file + ": " + key + " must be a positive whole number, was '" + text + "'");
        }

        double positiveDouble(String key) throws IOException {
            String text = required(key);
            try {
                double value = Double.parseDouble(text);
                if (value > 0 && Double.isFinite(value)) return value;
            } catch (NumberFormatException ignored) {
                // reported below with the key's name
            }
            throw new IOException(file + ": " + key + " must be a positive number, was '" + text + "'");
        }

        private String required(String key) throws IOException {
            String text = values.getProperty(key);
            if (text == null || text.isBlank()) throw new IOException(file + ": missing required key " + key);
            return text.strip();
        }
    }
}
