package dev.amfa.http;

import dev.amfa.TestService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static dev.amfa.http.AdminPoliciesApiTest.DENY_GB;
import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An author edits DRL files of a running service: the file watcher reloads them, safely. */
class HotReloadTest {
    @TempDir
    Path dir;
    TestService service;
    Path acme;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(TestService.withOwnPolicies(dir, true));
        acme = dir.resolve("policies/acme");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private JsonObject evaluate() {
        return service.post("/v1/evaluate", login("alice", BOXFORD_GB, T0)).bodyAsJsonObject();
    }

    private JsonObject status() {
        return service.admin(HttpMethod.GET, "/v1/admin/policies", null).bodyAsJsonObject();
    }

    /** Polls until the condition holds; the product promise is "within two seconds", we allow five on a busy CI. */
    private static <T> T within(Duration limit, java.util.function.Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        T value = probe.get();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            value = probe.get();
        }
        return value;
    }

    @Test
    void anEditedPolicyTakesEffectWithoutARestart() throws Exception {
        assertEquals("challenge", evaluate().getString("action"));
        Files.createDirectories(acme);
        Files.writeString(acme.resolve("geo.drl"), DENY_GB);
        JsonObject after = within(Duration.ofSeconds(5), this::evaluate, e -> e.getString("action").equals("deny"));
        assertEquals("deny", after.getString("action"));

        Files.writeString(acme.resolve("geo.drl"), DENY_GB.replace("decision.deny(\"GB is closed\")", "decision.note(\"open\")"));
        JsonObject reverted = within(Duration.ofSeconds(5), this::evaluate, e -> !e.getString("action").equals("deny"));
        assertEquals("challenge", reverted.getString("action"));
    }

    @Test
    void aSyntaxErrorChangesNothingAndSaysExactlyWhy() throws Exception {
        Files.createDirectories(acme);
        Files.writeString(acme.resolve("geo.drl"), DENY_GB);
        within(Duration.ofSeconds(5), this::evaluate, e -> e.getString("action").equals("deny"));
        String version = evaluate().getJsonObject("policy").getString("version");

        Files.writeString(acme.resolve("geo.drl"), DENY_GB.replace("Geo(country == \"GB\")", "Geo(country == )"));
        JsonObject failure = within(Duration.ofSeconds(5), () -> status().getJsonObject("orgs").getJsonObject("acme"),
                s -> s.containsKey("last_failure")).getJsonObject("last_failure");
        JsonObject error = failure.getJsonArray("errors").getJsonObject(0);
        assertEquals("acme/geo.drl", error.getString("file"));
        assertEquals(7, error.getInteger("line"));
        assertTrue(error.getInteger("column") > 0);
        assertEquals("deny", evaluate().getString("action"), "the running version stays");
        assertEquals(version, evaluate().getJsonObject("policy").getString("version"));
        assertTrue(status().getLong("rejected") >= 1);
    }

    @Test
    void anEditorSavingFiveFilesCausesOneReload() throws Exception {
        long before = status().getLong("changes");
        Files.createDirectories(acme.resolve("tests"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(acme.resolve("rule" + i + ".drl"), DENY_GB.replace("No logins from GB", "Rule " + i)
                    .replace("amfa.org.acme", "amfa.org.acme.r" + i));
        }
        Files.writeString(acme.resolve("policy.json"), "{\"mode\": \"adaptive\"}");
        JsonObject acmeStatus = within(Duration.ofSeconds(5), () -> status().getJsonObject("orgs").getJsonObject("acme"),
                s -> s != null && s.getString("version") != null);
        assertNotEquals(null, acmeStatus);
        Thread.sleep(1_000); // any second reload would have happened by now
        assertEquals(before + 1, status().getLong("changes"));
        assertEquals(4, evaluate().getJsonArray("reasons").stream().filter(r -> r.toString().startsWith("Rule ")).count());
    }

    @Test
    void aChangeToTheBaselineIsReloadedToo() throws Exception {
        Path scoring = dir.resolve("rules/risk-scoring.drl");
        String drl = Files.readString(scoring);
        assertEquals(0.7, evaluate().getDouble("risk_score"));
        Files.writeString(scoring, drl.replace("return 0.70;", "return 0.90;"));
        JsonObject after = within(Duration.ofSeconds(5), this::evaluate, e -> e.getDouble("risk_score") == 0.9);
        assertEquals(0.9, after.getDouble("risk_score"));
    }

    @Test
    void aPoliciesDirectoryMissingAtStartIsCreatedAndWatched(@TempDir Path other) throws Exception {
        Path policies = other.resolve("policies-later");
        try (TestService late = TestService.start(TestService.config()
                .withPolicies(TestService.copyRules(other), policies, true))) {
            assertTrue(Files.isDirectory(policies), "created empty at start");
            Files.createDirectories(policies.resolve("acme"));
            Files.writeString(policies.resolve("acme/geo.drl"), DENY_GB);
            JsonObject after = within(Duration.ofSeconds(5),
                    () -> late.post("/v1/evaluate", login("alice", BOXFORD_GB, T0)).bodyAsJsonObject(),
                    e -> e.getString("action").equals("deny"));
            assertEquals("deny", after.getString("action"), "the first org added later is picked up");
        }
    }
}
