package dev.amfa.keycloak.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a playwright script of this module's src/test/browser in Debian's headless Chromium and answers the
 * JSON of its {@code RESULT} line; the scripts use the service's chromium.mjs and its playwright-core
 * (src/test/browser/node_modules at the repository root, which .ci/run installs). Screenshots: target/screenshots.
 */
final class Browser {
    static final Path SCREENSHOTS = Path.of("target/screenshots").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 180;

    private Browser() {
    }

    static String run(String script, String argument) throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOTS);
        if (!Files.isDirectory(TestSetup.ROOT.resolve("src/test/browser/node_modules/playwright-core"))) {
            throw new IllegalStateException("playwright-core is not installed: run `npm ci --prefix src/test/browser` at the repository root (.ci/run does)");
        }
        Path log = Files.createTempFile("amfa-keycloak-browser-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("node", Path.of("src/test/browser", script).toString(), argument))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SCREENSHOTS", SCREENSHOTS.toString());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish in " + TIMEOUT_SECONDS + " s:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) throw new AssertionError(script + " failed (exit " + process.exitValue() + "):\n" + output);
        return output.lines().filter(line -> line.startsWith("RESULT ")).reduce((first, last) -> last)
                .map(line -> line.substring("RESULT ".length()))
                .orElseThrow(() -> new AssertionError(script + " reported no RESULT line:\n" + output));
    }
}
