package dev.amfa.http;

import dev.amfa.TestService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploading, testing, dry-running and rolling back an org's policy over the admin API. */
public class AdminPoliciesApiTest {
    /** Denies every login from GB, and says so. */
    public static final String DENY_GB = """
            package amfa.org.acme;
            import dev.amfa.facts.*;
            global Decision decision;

            rule "No logins from GB"
            when
                Geo(country == "GB")
            then
                decision.deny("GB is closed");
            end
            """;

    public static final JsonObject GB_TEST = new JsonObject().put("name", "GB is denied")
            .put("request", new JsonObject().put("user", new JsonObject().put("id", "t")))
            .put("geo", new JsonObject().put("country", "GB").put("latitude", 51.5).put("longitude", -0.1))
            .put("expect", new JsonObject().put("action", "deny").put("rules", new JsonArray().add("No logins from GB")));

    @TempDir
    Path dir;
    TestService service;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(TestService.withOwnPolicies(dir, false));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    public static JsonObject upload(String drl, JsonObject test) {
        return new JsonObject()
                .put("rules", new JsonObject().put("geo.drl", drl))
                .put("settings", new JsonObject().put("mode", "adaptive"))
                .put("tests", new JsonObject().put("geo.json", new JsonArray().add(test)));
    }

    private JsonObject evaluate() {
        return service.post("/v1/evaluate", login("alice", BOXFORD_GB, T0)).bodyAsJsonObject();
    }

    @Test
    void anUploadedPolicyIsActiveForTheNextEvaluation() {
        String before = evaluate().getJsonObject("policy").getString("version");
        var put = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme", upload(DENY_GB, GB_TEST));
        assertEquals(200, put.statusCode(), put.bodyAsString());
        assertEquals(1, put.bodyAsJsonObject().getInteger("tests_passed"));

        JsonObject after = evaluate();
        assertEquals("deny", after.getString("action"));
        assertTrue(after.getJsonArray("reasons").contains("No logins from GB"));
        assertEquals(before + "+" + put.bodyAsJsonObject().getString("version"),
                after.getJsonObject("policy").getString("version"));

        JsonObject status = service.admin(HttpMethod.GET, "/v1/admin/policies", null).bodyAsJsonObject();
        JsonObject acme = status.getJsonObject("orgs").getJsonObject("acme");
        assertEquals(put.bodyAsJsonObject().getString("version"), acme.getString("version"));
        assertEquals("api", acme.getString("origin"));
        assertTrue(acme.getString("activated_at").startsWith("20"));
    }

    @Test
    void aPolicyThatDoesNotCompileIsRefusedWithFileLineAndColumnAndChangesNothing() {
        JsonObject before = evaluate();
        var put = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme",
                upload(DENY_GB.replace("Geo(country == \"GB\")", "Geo(country == )"), GB_TEST));
        assertEquals(422, put.statusCode(), put.bodyAsString());
        JsonObject error = put.bodyAsJsonObject();
        assertEquals("policy_rejected", error.getString("error"));
        JsonObject first = error.getJsonArray("errors").getJsonObject(0);
        assertEquals("acme/geo.drl", first.getString("file"));
        assertEquals(7, first.getInteger("line"), first.encode());
        assertTrue(first.getInteger("column") > 0, first.encode());
        assertEquals(before.getString("action"), evaluate().getString("action"));
        JsonObject acme = service.admin(HttpMethod.GET, "/v1/admin/policies", null).bodyAsJsonObject()
                .getJsonObject("orgs").getJsonObject("acme");
        assertNull(acme.getString("version"), "nothing was ever activated for acme");
        assertEquals("acme/geo.drl", acme.getJsonObject("last_failure").getJsonArray("errors").getJsonObject(0).getString("file"));
    }

    @Test
    void anUploadReportsLintWarningsAndIsRefusedOnALintError() {
        String abroad = DENY_GB + """
                rule "Abroad: MFA"
                when
                    Geo($c : country)
                    Org(isAbroad($c))
                then
                    decision.challengeAtLeast("otp");
                end
                """;
        var warned = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme", upload(abroad, GB_TEST));
        assertEquals(200, warned.statusCode(), warned.bodyAsString());
        JsonObject warning = warned.bodyAsJsonObject().getJsonArray("warnings").getJsonObject(0);
        assertEquals("acme/geo.drl", warning.getString("file"));
        assertTrue(warning.getString("message").contains("sets no \"home_countries\""), warning.encode());

        var refused = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme", upload(abroad.replace("\"otp\"", "\"otpp\""), GB_TEST));
        assertEquals(422, refused.statusCode(), refused.bodyAsString());
        JsonObject error = refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
        assertEquals("acme/geo.drl", error.getString("file"));
        assertTrue(error.getString("message").contains("\"otpp\" is not a factor; did you mean \"otp\"?"), error.encode());
        assertEquals(warned.bodyAsJsonObject().getString("version"), service.admin(HttpMethod.GET, "/v1/admin/policies", null)
                .bodyAsJsonObject().getJsonObject("orgs").getJsonObject("acme").getString("version"), "the warned version stays");
    }

    @Test
    void aPolicyWhoseTestsFailIsRefusedWithTheDifference() {
        JsonObject wrong = GB_TEST.copy().put("expect", new JsonObject().put("action", "allow"));
        var put = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme", upload(DENY_GB, wrong));
        assertEquals(422, put.statusCode(), put.bodyAsString());
        JsonObject failed = put.bodyAsJsonObject().getJsonArray("failed_tests").getJsonObject(0);
        assertEquals("GB is denied", failed.getString("name"));
        assertEquals("action: expected allow, got deny", failed.getJsonArray("differences").getString(0));
        assertNotEquals("deny", evaluate().getString("action"));
    }

    @Test
    void aPolicyThatReachesJavaIsRefusedWithFileAndLineBeforeAnyOfItRuns() {
        // The finding: a consequence that read the process's command line (admin token, API keys) into the notes.
        String leak = DENY_GB.replace("decision.deny(\"GB is closed\");", "decision.deny(\"GB is closed\");\n"
                + "        decision.note(java.nio.file.Files.readString(java.nio.file.Path.of(\"/proc/self/cmdline\")));");
        for (String path : List.of("/v1/admin/policies/acme?dry_run=true", "/v1/admin/policies/acme")) {
            var put = service.admin(HttpMethod.PUT, path, upload(leak, GB_TEST));
            assertEquals(422, put.statusCode(), put.bodyAsString());
            JsonObject first = put.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
            assertEquals("acme/geo.drl", first.getString("file"));
            assertEquals(10, first.getInteger("line"), first.encode());
            assertTrue(first.getString("message").contains("'java' is not on the allow-list"), first.encode());
            assertEquals(0, put.bodyAsJsonObject().getJsonArray("failed_tests").size(), "its tests never ran");
        }
        assertEquals("challenge", evaluate().getString("action"), "nothing was activated");
    }

    @Test
    @Timeout(120) // a guard: without the rules' budget the evaluation never ends
    void rulesThatNeverStopAreChallengedAndTheirTestsFailInsteadOfHanging() {
        String endless = "package amfa.org.acme;\nimport dev.amfa.facts.*;\nglobal Decision decision;\n"
                + "rule \"Each risk makes another\" when Risk() then insert(new Risk(Confidence.HIGH, 0)); end\n";
        var dry = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme?dry_run=true", upload(endless, GB_TEST));
        assertEquals(422, dry.statusCode(), dry.bodyAsString());
        assertEquals("action: expected deny, got challenge", dry.bodyAsJsonObject().getJsonArray("failed_tests")
                .getJsonObject(0).getJsonArray("differences").getString(0));

        var put = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme",
                new JsonObject().put("rules", new JsonObject().put("loop.drl", endless)));
        assertEquals(200, put.statusCode(), put.bodyAsString());
        JsonObject looped = evaluate();
        assertEquals("challenge", looped.getString("action"), looped.encode());
        assertEquals(List.of("the rules of org acme fired more than 10000 rules: challenged to fail closed"),
                looped.getJsonArray("notes").getList(), looped.encode());
        JsonObject other = service.post("/v1/evaluate", login("bob", BOXFORD_GB, T0).put("org", "other")).bodyAsJsonObject();
        assertEquals("challenge", other.getString("action"));
        assertEquals(List.of(), other.getJsonArray("notes").getList().stream()
                .filter(n -> n.toString().contains("rules of")).toList(), "another org's rules ran as usual");
    }

    @Test
    void aDryRunReplaysRecentDecisionsAndActivatesNothing() {
        for (int i = 0; i < 5; i++) {
            service.post("/v1/evaluate", login("user-" + i, BOXFORD_GB, T0));
        }
        var dry = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme?dry_run=true", upload(DENY_GB, GB_TEST));
        assertEquals(200, dry.statusCode(), dry.bodyAsString());
        JsonObject replay = dry.bodyAsJsonObject().getJsonObject("replay");
        assertEquals(5, replay.getInteger("replayed"));
        assertEquals(5, replay.getInteger("changed"));
        assertEquals(5, replay.getJsonObject("transitions").getInteger("challenge -> deny"));
        JsonObject example = replay.getJsonArray("examples").getJsonObject(0);
        assertEquals("deny", example.getJsonObject("after").getString("action"));
        assertTrue(example.getJsonObject("after").getJsonArray("reasons").contains("No logins from GB"));
        assertEquals("challenge", evaluate().getString("action"), "a dry run activates nothing");
    }

    @Test
    void rollbackReturnsToThePreviousVersion() {
        var none = service.admin(HttpMethod.POST, "/v1/admin/policies/acme/rollback", null);
        assertEquals(409, none.statusCode());
        String v1 = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme", upload(DENY_GB, GB_TEST))
                .bodyAsJsonObject().getString("version");
        String allowGb = DENY_GB.replace("decision.deny(\"GB is closed\")", "decision.note(\"GB is open\")");
        JsonObject allowTest = GB_TEST.copy().put("expect", new JsonObject().put("action", "allow"));
        String v2 = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme", upload(allowGb, allowTest))
                .bodyAsJsonObject().getString("version");
        assertNotEquals(v1, v2);
        assertNotEquals("deny", evaluate().getString("action"));

        var back = service.admin(HttpMethod.POST, "/v1/admin/policies/acme/rollback", null);
        assertEquals(200, back.statusCode(), back.bodyAsString());
        assertEquals(v1, back.bodyAsJsonObject().getString("version"));
        assertEquals("deny", evaluate().getString("action"));
    }

    @Test
    void theAdminApiNeedsTheAdminToken() {
        assertEquals(401, service.call(HttpMethod.GET, "/v1/admin/policies", null, null).statusCode());
        var wrong = service.call(HttpMethod.GET, "/v1/admin/policies", "guess", null);
        assertEquals(401, wrong.statusCode());
        assertEquals("unauthorized", wrong.bodyAsJsonObject().getString("error"));
        assertEquals(401, service.call(HttpMethod.PUT, "/v1/admin/policies/acme", "guess", upload(DENY_GB, GB_TEST)).statusCode());
        assertNotEquals("deny", evaluate().getString("action"));
        assertEquals(200, service.admin(HttpMethod.GET, "/v1/admin/policies", null).statusCode());
    }

    @Test
    void badUploadsAre400sNamingTheField() {
        var badName = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme",
                new JsonObject().put("rules", new JsonObject().put("../evil.drl", "x")));
        assertEquals(400, badName.statusCode());
        assertEquals("rules.../evil.drl", badName.bodyAsJsonObject().getString("field"));
        var empty = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme", new JsonObject());
        assertEquals(400, empty.statusCode());
        var badOrg = service.admin(HttpMethod.PUT, "/v1/admin/policies/Not%20An%20Org", upload(DENY_GB, GB_TEST));
        assertEquals(400, badOrg.statusCode());
        var badSettings = service.admin(HttpMethod.PUT, "/v1/admin/policies/acme",
                new JsonObject().put("settings", new JsonObject().put("mode", "sometimes")));
        assertEquals(422, badSettings.statusCode());
        JsonObject error = badSettings.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
        assertEquals("acme/policy.json", error.getString("file"));
        assertTrue(error.getString("message").startsWith("mode:"), error.encode());
    }
}
