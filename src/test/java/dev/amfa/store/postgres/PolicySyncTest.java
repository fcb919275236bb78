package dev.amfa.store.postgres;

import dev.amfa.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.amfa.TestService.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policies changed through the API on one node reach every node on the same database through LISTEN/NOTIFY,
 * a node that was cut off catches up when it is back, and a restarted node runs what the cluster runs.
 */
class PolicySyncTest {
    private static Vertx vertx;
    private static PgSchema schema;

    /** Every login of org "sync" is denied: easy to see from any node. */
    private static JsonObject denyAll(String reason) {
        String drl = """
                package org.sync;
                import dev.amfa.facts.*;
                global Decision decision;
                rule "deny everything %s"
                when
                    LoginContext()
                then
                    decision.deny("%s");
                end
                """.formatted(reason, reason);
        return new JsonObject().put("rules", new JsonObject().put("deny.drl", drl));
    }

    @BeforeAll
    static void database() {
        vertx = Vertx.vertx();
        schema = new PgSchema(vertx);
    }

    @AfterAll
    static void drop() {
        schema.close();
        TestService.await(vertx.close());
    }

    private static String versionOn(TestService node, String org) {
        JsonObject orgs = node.admin(HttpMethod.GET, "/v1/admin/policies", null).bodyAsJsonObject().getJsonObject("orgs");
        return orgs.containsKey(org) ? orgs.getJsonObject(org).getString("version") : null;
    }

    private static String upload(TestService node, String org, JsonObject body) {
        var put = node.admin(HttpMethod.PUT, "/v1/admin/policies/" + org, body);
        assertEquals(200, put.statusCode(), put.bodyAsString());
        return put.bodyAsJsonObject().getString("version");
    }


    private static String url(int port) {
        return PgSchema.URL.replace("127.0.0.1:5432", "127.0.0.1:" + port) + "?search_path=" + schema.name;
    }

    @Test
    void anUploadOnOneNodeIsActiveOnTheOtherWithinASecondAndSoIsARollback() throws Exception {
        try (TestService a = TestService.start(TestService.config().withStore("postgres", schema.url()));
             TestService b = TestService.start(TestService.config().withStore("postgres", schema.url()))) {
            String first = upload(a, "sync", denyAll("first"));
            assertTrue(eventually(Duration.ofSeconds(1), () -> first.equals(versionOn(b, "sync"))),
                    "node B did not run the upload within a second");
            JsonObject onB = b.post("/v1/evaluate", new JsonObject().put("org", "sync").put("ip", "81.2.69.160")
                    .put("user", new JsonObject().put("id", "u1"))).bodyAsJsonObject();
            assertEquals("deny", onB.getString("action"));
            assertTrue(onB.getJsonArray("reasons").contains("deny everything first"), onB.encode());

            String second = upload(b, "sync", denyAll("second"));
            assertTrue(eventually(Duration.ofSeconds(1), () -> second.equals(versionOn(a, "sync"))),
                    "node A did not run node B's upload within a second");

            var rollback = a.admin(HttpMethod.POST, "/v1/admin/policies/sync/rollback", null);
            assertEquals(200, rollback.statusCode(), rollback.bodyAsString());
            assertEquals(first, rollback.bodyAsJsonObject().getString("version"));
            assertTrue(eventually(Duration.ofSeconds(1), () -> first.equals(versionOn(b, "sync"))),
                    "node B did not follow node A's rollback");

            // A node started now runs what the cluster runs, not only what its policies/ folder holds.
            try (TestService c = TestService.start(TestService.config().withStore("postgres", schema.url()))) {
                assertEquals(first, versionOn(c, "sync"));
            }
        }
    }

    @Test
    void aNodeCutOffWhileAPolicyChangedCatchesUpWhenItReconnects() throws Exception {
        try (FaultProxy proxy = new FaultProxy(vertx, "127.0.0.1", 5432);
             TestService a = TestService.start(TestService.config().withStore("postgres", schema.url()));
             TestService b = TestService.start(TestService.config().withStore("postgres", url(proxy.port())))) {
            upload(a, "cutoff", denyAll("before"));
            assertTrue(eventually(Duration.ofSeconds(5), () -> versionOn(b, "cutoff") != null));

            proxy.cut();
            String missed = upload(a, "cutoff", denyAll("while cut off"));
            Thread.sleep(500);
            assertTrue(!missed.equals(versionOn(b, "cutoff")), "node B cannot have heard of it while cut off");
            var health = b.get("/health").bodyAsJsonObject();
            assertEquals(false, health.getJsonObject("components").getJsonObject("policy_sync").getBoolean("ready"),
                    health.encode());

            proxy.restore();
            assertTrue(eventually(Duration.ofSeconds(10), () -> missed.equals(versionOn(b, "cutoff"))),
                    "node B did not catch up after reconnecting");
            assertTrue(eventually(Duration.ofSeconds(5), () -> b.get("/health").statusCode() == 200));
        }
    }

    @Test
    void anUploadTheDatabaseCannotKeepIsRefusedAndNotActivated() throws Exception {
        try (FaultProxy proxy = new FaultProxy(vertx, "127.0.0.1", 5432);
             TestService a = TestService.start(TestService.config().withStore("postgres", url(proxy.port())))) {
            proxy.cut();
            var put = a.admin(HttpMethod.PUT, "/v1/admin/policies/unkept", denyAll("unkept"));
            assertEquals(503, put.statusCode(), put.bodyAsString());
            assertEquals("policy_store_unavailable", put.bodyAsJsonObject().getString("error"));
            assertEquals(null, versionOn(a, "unkept"), "a change the cluster cannot see must not run on one node");
        }
    }
}
