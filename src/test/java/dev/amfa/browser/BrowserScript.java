package dev.amfa.browser;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the playwright scripts in src/test/browser against a running service, in Debian's headless
 * Chromium, and answers the JSON the script reported (its {@code RESULT {...}} line). Screenshots land in
 * target/screenshots. .ci/run installs chromium and the scripts' npm dependencies.
 */
public final class BrowserScript {
    public static final Path DIR = Path.of("src/test/browser");
    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final long TIMEOUT_SECONDS = 120;

    private BrowserScript() {
    }

    /** @param args passed to the script after its name (typically the service's base URL) */
    public static JsonObject run(String script, String... args) throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOTS);
        if (!Files.isDirectory(DIR.resolve("node_modules/playwright-core"))) {
            throw new IllegalStateException("playwright-core is not installed: run `npm ci --prefix " + DIR + "` (.ci/run does)");
        }
        List<String> command = new ArrayList<>(List.of("node", DIR.resolve(script).toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("amfa-browser-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish in " + TIMEOUT_SECONDS + " s:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) throw new AssertionError(script + " failed (exit " + process.exitValue() + "):\n" + output);
        return output.lines().filter(line -> line.startsWith("RESULT "))
                .reduce((first, last) -> last)
                .map(line -> new JsonObject(line.substring("RESULT ".length())))
                .orElseThrow(() -> new AssertionError(script + " reported no RESULT line:\n" + output));
    }
}
