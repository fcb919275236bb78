package dev.amfa.cli;

import dev.amfa.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** amfa serve refuses to start with API keys that are not bound to orgs, saying how to write them. */
class ServeCommandTest {

    @Test
    void aKeyWithoutOrgsStopsTheStartWithExitCode2() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int exit;
        try {
            // The keys are checked before anything starts. The unknown store would stop a start that got further
            // (as one without this check did), so the test ends either way.
            exit = new CommandLine(new Main()).execute("serve", "--port", "0", "--store", "none",
                    "--api-keys", "oidc=top-secret");
        } finally {
            System.setErr(original);
        }
        String err = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, err);
        assertTrue(err.contains("amfa: --api-keys: 'oidc' names no org: write oidc@<org>"), err);
        assertFalse(err.contains("top-secret"), err);
    }
}
