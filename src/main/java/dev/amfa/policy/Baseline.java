package dev.amfa.policy;

import dev.amfa.engine.ContentHash;
import dev.amfa.engine.RuleCompilationException;
import dev.amfa.engine.RuleCompiler;
import dev.amfa.engine.RuleSet;
import dev.amfa.engine.RuleSource;
import dev.amfa.signals.SignalSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The shipped rules/: baseline DRL and the signals' thresholds, versioned together. */
public record Baseline(RuleSet rules, SignalSettings signals, String version) {

    /**
     * Reads rules/ and compiles it, unless its content is that of {@code current} (then {@code current} comes
     * back as it is: nothing to recompile). Blocking and slow: call off the event loop.
     *
     * @param current the baseline in force, or null
     */
    public static Baseline load(Path rulesDir, Baseline current) throws IOException, RuleCompilationException {
        if (!Files.isDirectory(rulesDir)) {
            throw new IOException("rules directory " + rulesDir.toAbsolutePath() + " does not exist");
        }
        List<RuleSource> sources = RuleSource.readDirectory(rulesDir);
        if (sources.isEmpty()) throw new IOException("rules directory " + rulesDir.toAbsolutePath() + " holds no .drl file");
        SignalSettings signals = SignalSettings.load(rulesDir);
        Map<String, String> content = new TreeMap<>();
        sources.forEach(s -> content.put(s.path(), s.drl()));
        signals.values().forEach((k, v) -> content.put(SignalSettings.FILE_NAME + "#" + k, v));
        String version = ContentHash.of(content);
        if (current != null && current.version().equals(version)) return current;
        return new Baseline(RuleCompiler.compile("baseline", sources), signals, version);
    }

    public static Baseline load(Path rulesDir) throws IOException, RuleCompilationException {
        return load(rulesDir, null);
    }
}
