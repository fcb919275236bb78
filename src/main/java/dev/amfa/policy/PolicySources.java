package dev.amfa.policy;

import dev.amfa.engine.ContentHash;
import dev.amfa.engine.RuleSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one org's policy, wherever they came from (a policies/&lt;org&gt;/ folder or an upload):
 * {@code *.drl}, {@code policy.json} and {@code tests/*.json}, by path inside the policy.
 */
public record PolicySources(String org, Map<String, String> files) {
    public static final String TESTS = "tests/";
    /** No single policy file is larger than this: a policy is text written by people. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    public PolicySources {
        files = Map.copyOf(new TreeMap<>(files));
    }

    public static PolicySources readDirectory(String org, Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                String path = dir.relativize(file).toString().replace('\\', '/');
                if (!isPolicyFile(path)) continue;
                if (Files.size(file) > MAX_FILE_BYTES) throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
                files.put(path, Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return new PolicySources(org, files);
    }

    /** The files a policy consists of; anything else in the folder (a README, an editor's backup) is not part of it. */
    public static boolean isPolicyFile(String path) {
        return path.endsWith(".drl") && !path.startsWith(TESTS)
                || path.equals(OrgSettings.FILE_NAME)
                || path.startsWith(TESTS) && path.endsWith(".json") && path.indexOf('/', TESTS.length()) < 0;
    }

    public String version() {
        return ContentHash.of(files);
    }

    /** DRL files, each named "&lt;org&gt;/&lt;path&gt;" in compile errors. */
    public List<RuleSource> rules() {
        return files.entrySet().stream().filter(e -> e.getKey().endsWith(".drl"))
                .map(e -> new RuleSource(org + "/" + e.getKey(), e.getValue())).toList();
    }

    public String settings() {
        return files.get(OrgSettings.FILE_NAME);
    }

    public Map<String, String> tests() {
        Map<String, String> tests = new TreeMap<>();
        files.forEach((path, text) -> {
            if (path.startsWith(TESTS)) tests.put(org + "/" + path, text);
        });
        return tests;
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }
}
