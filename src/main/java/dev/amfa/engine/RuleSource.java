package dev.amfa.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** One DRL file: the path it is reported under in errors, and its text. */
public record RuleSource(String path, String drl) {

    /**
     * Every *.drl below the directory, in a stable order, each named by the directory's own name and its path
     * inside it ("rules/scoring.drl"): errors point at a file an author recognises, and a rule set's version
     * does not depend on where the directory is mounted.
     */
    public static List<RuleSource> readDirectory(Path dir) throws IOException {
        List<RuleSource> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                String label = dir.toAbsolutePath().normalize().getFileName() + "/" + dir.relativize(file);
                sources.add(new RuleSource(label, Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return sources;
    }
}
