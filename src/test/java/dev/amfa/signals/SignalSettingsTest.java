package dev.amfa.signals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalSettingsTest {

    @Test
    void theShippedSettingsLoad() throws IOException {
        SignalSettings settings = SignalSettings.load(Path.of("rules"));
        assertEquals(Duration.ofDays(30), settings.deviceHistory());
        assertEquals(1000, settings.impossibleSpeedKmh());
    }

    @Test
    void aMissingOrMalformedKeyIsNamed(@TempDir Path dir) throws IOException {
        String shipped = Files.readString(Path.of("rules", SignalSettings.FILE_NAME));
        Files.writeString(dir.resolve(SignalSettings.FILE_NAME), shipped.replaceAll("(?m)^new_device.history_days=.*$", ""));
        IOException missing = assertThrows(IOException.class, () -> SignalSettings.load(dir));
        assertTrue(missing.getMessage().contains("new_device.history_days"), missing.getMessage());

        Files.writeString(dir.resolve(SignalSettings.FILE_NAME),
                shipped.replace("impossible_travel.impossible_kmh=1000", "impossible_travel.impossible_kmh=fast"));
        IOException malformed = assertThrows(IOException.class, () -> SignalSettings.load(dir));
        assertTrue(malformed.getMessage().contains("impossible_travel.impossible_kmh"), malformed.getMessage());
        assertTrue(malformed.getMessage().contains("'fast'"), malformed.getMessage());
    }
}
