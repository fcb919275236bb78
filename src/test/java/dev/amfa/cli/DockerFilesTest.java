package dev.amfa.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No Docker engine runs here, so at least: docker/ only sets variables that `serve` reads. */
class DockerFilesTest {
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:(AMFA_[A-Z_]+):-");
    private static final Pattern AMFA_VARIABLE = Pattern.compile("\\b(AMFA_[A-Z_]+)\\b");

    /** The variables of serve's options, its mixins' included (challenges, decision log). */
    static Set<String> variablesServeReads() {
        Set<String> names = new TreeSet<>();
        java.util.List<Class<?>> holders = new java.util.ArrayList<>(java.util.List.of(ServeCommand.class));
        Arrays.stream(ServeCommand.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(picocli.CommandLine.Mixin.class)).forEach(f -> holders.add(f.getType()));
        holders.stream().flatMap(type -> Arrays.stream(type.getDeclaredFields()))
                .map(f -> f.getAnnotation(Option.class)).filter(o -> o != null)
                .forEach(o -> {
                    Matcher m = ENV_DEFAULT.matcher(o.defaultValue());
                    if (m.find()) names.add(m.group(1));
                });
        return names;
    }

    private static Set<String> variablesIn(String file) throws Exception {
        Matcher m = AMFA_VARIABLE.matcher(Files.readString(Path.of("docker", file)));
        Set<String> names = new TreeSet<>();
        while (m.find()) names.add(m.group(1));
        return names;
    }

    @Test
    void everyVariableTheDockerFilesSetIsOneServeReads() throws Exception {
        Set<String> read = variablesServeReads();
        assertTrue(read.contains("AMFA_PORT") && read.contains("AMFA_GEOIP_CITY"), read.toString());
        for (String file : new String[] {"Dockerfile", "compose.yaml"}) {
            Set<String> unknown = variablesIn(file).stream().filter(v -> !read.contains(v)).collect(Collectors.toSet());
            assertEquals(Set.of(), unknown, file + " sets variables serve does not read");
        }
    }

    @Test
    void theImageRunsAsANonRootUserWithAHealthCheck() throws Exception {
        String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
        assertTrue(dockerfile.contains("\nUSER amfa\n"), "no non-root USER");
        assertTrue(dockerfile.contains("HEALTHCHECK") && dockerfile.contains("/health"), "no health check on /health");
    }
}
