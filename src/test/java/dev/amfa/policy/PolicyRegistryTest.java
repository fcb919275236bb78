package dev.amfa.policy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a reload from disk activates, keeps and refuses. */
class PolicyRegistryTest {
    private static final String NOTE = """
            package amfa.org.%1$s;
            import dev.amfa.facts.*;
            global Decision decision;
            rule "%1$s note"
            when
                LoginContext()
            then
                decision.note("%1$s");
            end
            """;
    private static final String ALLOW_CASE = """
            {"name": "a trusted login is allowed", "request": {"user": {"id": "u", "enrolled_factors": ["otp"]}},
             "geo": {"country": "DE", "latitude": 52.5, "longitude": 13.4}, "expect": {"action": "allow"}}
            """;

    @TempDir
    Path dir;
    Path rules;
    Path policies;
    PolicyRegistry registry;

    @BeforeEach
    void load() throws Exception {
        rules = dev.amfa.TestService.copyRules(dir);
        policies = Files.createDirectories(dir.resolve("policies"));
        writeOrg("alpha");
        writeOrg("beta");
        registry = PolicyRegistry.load(rules, policies, Clock.systemUTC());
    }

    private void writeOrg(String org) throws Exception {
        Files.createDirectories(policies.resolve(org).resolve("tests"));
        Files.writeString(policies.resolve(org).resolve("note.drl"), NOTE.formatted(org));
        Files.writeString(policies.resolve(org).resolve("tests/allow.json"), ALLOW_CASE);
    }

    @Test
    void onlyChangedOrgsAreRebuilt() throws Exception {
        PolicySet before = registry.current();
        assertFalse(registry.reloadFromDisk().toJson().getJsonArray("activated").size() > 0, "nothing changed");
        assertSame(before, registry.current());

        Files.writeString(policies.resolve("beta/note.drl"), NOTE.formatted("beta").replace("decision.note", "decision.note(\"v2\"); decision.note"));
        JsonObject report = registry.reloadFromDisk().toJson();
        assertEquals("beta", report.getJsonArray("activated").getJsonObject(0).getString("name"));
        assertSame(before.orgs().get("alpha").own(), registry.current().orgs().get("alpha").own(), "alpha was not recompiled");
        assertNotSame(before.orgs().get("beta").own(), registry.current().orgs().get("beta").own());
    }

    @Test
    void aDeletedFolderReturnsTheOrgToTheBaselineButAnUploadSurvivesDiskReloads() throws Exception {
        registry.upload(new PolicySources("gamma", Map.of("note.drl", NOTE.formatted("gamma"))), true);
        for (Path file : Files.walk(policies.resolve("alpha")).sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(file);
        }
        JsonObject report = registry.reloadFromDisk().toJson();
        assertEquals("alpha", report.getJsonArray("removed").getString(0));
        assertFalse(registry.current().orgs().containsKey("alpha"));
        assertTrue(registry.current().orgs().containsKey("gamma"), "an uploaded policy has no folder to lose");
        assertEquals("api", registry.current().orgs().get("gamma").own().origin());
    }

    @Test
    void aBaselineChangeThatBreaksAnOrgsTestsIsRefusedWhole() throws Exception {
        String baselineVersion = registry.current().baseline().version();
        Path selection = rules.resolve("factor-selection.drl");
        // Challenging trusted logins breaks every org's "a trusted login is allowed" case.
        Files.writeString(selection, Files.readString(selection)
                .replace("decision.allow(\"every signal trusts this login\");", "decision.challenge(\"otp\");"));
        JsonObject report = registry.reloadFromDisk().toJson();
        JsonObject refused = report.getJsonArray("rejected").getJsonObject(0);
        assertEquals("baseline", refused.getString("name"));
        assertTrue(refused.getString("message").contains("breaks the tests of org"), refused.encode());
        assertEquals(baselineVersion, registry.current().baseline().version(), "the running baseline stays");
        assertTrue(registry.status().getJsonObject("baseline").containsKey("last_failure"));
    }

    @Test
    void rollbackGoesBackOneVersionAtATime() throws Exception {
        String v1 = registry.current().orgs().get("alpha").own().version();
        registry.upload(new PolicySources("alpha", Map.of("note.drl", NOTE.formatted("alpha").replace("LoginContext()", "LoginContext(flow != null)"))), true);
        String v2 = registry.current().orgs().get("alpha").own().version();
        assertEquals(v1, registry.rollback("alpha").version());
        assertEquals(v1, registry.current().orgs().get("alpha").own().version());
        assertEquals(0, registry.status().getJsonObject("orgs").getJsonObject("alpha").getInteger("previous_versions"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> registry.rollback("alpha"));
        assertFalse(v1.equals(v2));
    }

    @Test
    void aChangeComingBackFromTheClusterNeverUndoesALaterOne() throws Exception {
        java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
        PolicyRegistry node = PolicyRegistry.load(rules, policies, Clock.systemUTC(), (sources, change) -> seq.incrementAndGet());
        PolicySources first = new PolicySources("gamma", Map.of("note.drl", NOTE.formatted("gamma")));
        PolicySources second = new PolicySources("gamma", Map.of("note.drl",
                NOTE.formatted("gamma").replace("LoginContext()", "LoginContext(flow != null)")));
        node.upload(first, true);
        node.upload(second, true);
        // This node's first upload is announced back after its second: it is not this node's news.
        assertFalse(node.adopt(first, 1));
        assertEquals(second.version(), node.current().orgs().get("gamma").own().version());
        assertEquals(1, node.status().getJsonObject("orgs").getJsonObject("gamma").getInteger("previous_versions"));
        // Another node's later change is.
        PolicySources third = new PolicySources("gamma", Map.of("note.drl", NOTE.formatted("gamma").replace("LoginContext()",
                "LoginContext(application != \"x\")")));
        org.junit.jupiter.api.Assertions.assertTrue(node.adopt(third, 3));
        assertEquals(third.version(), node.current().orgs().get("gamma").own().version());
        assertEquals(second.version(), node.rollback("gamma").version());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void uploadsBuildAndTestOutsideTheLockThatOtherOrgsChangesNeed() throws Exception {
        PolicySources gamma = new PolicySources("gamma", Map.of("note.drl", NOTE.formatted("gamma"),
                PolicySources.TESTS + "allow.json", ALLOW_CASE));
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<OrgPolicy> dryRun;
            java.util.concurrent.Future<OrgPolicy> upload;
            // Another change holds the lock (a reload compiling, say) for as long as this block runs.
            synchronized (registry) {
                dryRun = executor.submit(() -> registry.upload(gamma, false));
                // Without the fix the dry run waits here for the lock; the guard below ends the wait.
                assertEquals(gamma.version(), dryRun.get(60, java.util.concurrent.TimeUnit.SECONDS).version());
                upload = executor.submit(() -> registry.upload(gamma, true));
                // The upload compiles and tests now, and waits for the lock only to swap the policy in.
                assertFalse(upload.isDone());
            }
            assertEquals(gamma.version(), upload.get(60, java.util.concurrent.TimeUnit.SECONDS).version());
            assertEquals(gamma.version(), registry.current().forOrg("gamma").own().version());
        } finally {
            executor.shutdownNow();
        }
    }
}
