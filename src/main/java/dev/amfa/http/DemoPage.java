package dev.amfa.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The /demo page: one static HTML file with its script (src/main/resources/demo/index.html). */
final class DemoPage {
    private DemoPage() {
    }

    static String html() {
        try (InputStream in = DemoPage.class.getResourceAsStream("/demo/index.html")) {
            if (in == null) throw new IllegalStateException("/demo/index.html is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
