package dev.amfa.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The baseline rule set and each org's policy, compiled; an immutable snapshot swapped as a whole. */
public record Policies(RuleSet baseline, Map<String, RuleSet> orgs) {
    private static final Logger LOG = LoggerFactory.getLogger(Policies.class);

    public Policies {
        orgs = Map.copyOf(orgs);
    }

    /**
     * Compiles rules/ and every policies/&lt;org&gt;/ that holds DRL. Blocking and slow: call off the event loop.
     * A missing policies directory means no org has a policy of its own.
     */
    public static Policies load(Path rulesDir, Path policiesDir) throws IOException, RuleCompilationException {
        if (!Files.isDirectory(rulesDir)) {
            throw new IOException("rules directory " + rulesDir.toAbsolutePath() + " does not exist");
        }
        List<RuleSource> baselineSources = RuleSource.readDirectory(rulesDir);
        if (baselineSources.isEmpty()) {
            throw new IOException("rules directory " + rulesDir.toAbsolutePath() + " holds no .drl file");
        }
        RuleSet baseline = RuleCompiler.compile("baseline", baselineSources);
        Map<String, RuleSet> orgs = new TreeMap<>();
        if (Files.isDirectory(policiesDir)) {
            try (Stream<Path> dirs = Files.list(policiesDir)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    String org = dir.getFileName().toString();
                    if (!OrgName.isValid(org)) {
                        LOG.warn("ignoring {}: an org folder name must be {}", dir, OrgName.rule());
                        continue;
                    }
                    List<RuleSource> sources = RuleSource.readDirectory(dir);
                    if (!sources.isEmpty()) orgs.put(org, RuleCompiler.compile(org, sources));
                }
            }
        }
        LOG.info("compiled baseline ({} rules, version {}) and {} org policies", baseline.ruleCount(),
                baseline.version(), orgs.size());
        return new Policies(baseline, orgs);
    }

    /** The version a decision is reported under: the baseline's, joined with the org policy's when it has one. */
    public String version(String org) {
        RuleSet own = orgs.get(org);
        return own == null ? baseline.version() : baseline.version() + "+" + own.version();
    }
}
