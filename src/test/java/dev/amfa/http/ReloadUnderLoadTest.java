package dev.amfa.http;

import dev.amfa.TestService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.amfa.http.AdminPoliciesApiTest.DENY_GB;
import static dev.amfa.http.AdminPoliciesApiTest.GB_TEST;
import static dev.amfa.http.AdminPoliciesApiTest.upload;
import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluations keep answering while the policy is swapped again and again: none fails, and each one answers
 * consistently under one of the versions (deny under one, challenge under the other, never a mix).
 */
class ReloadUnderLoadTest {
    private static final int CONCURRENT = 16;
    private static final Duration LOAD = Duration.ofSeconds(6);

    @Test
    void noEvaluationFailsWhilePoliciesAreReloaded(@TempDir Path dir) throws Exception {
        String allowGb = DENY_GB.replace("decision.deny(\"GB is closed\")", "decision.note(\"GB is open\")");
        JsonObject openTest = GB_TEST.copy().put("expect", new JsonObject().put("action", "allow"));
        try (TestService service = TestService.start(TestService.withOwnPolicies(dir, false))) {
            Vertx vertx = Vertx.vertx();
            WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(service.port()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(CONCURRENT));
            AtomicLong ok = new AtomicLong();
            AtomicInteger errors = new AtomicInteger();
            Set<String> inconsistent = ConcurrentHashMap.newKeySet();
            Instant end = Instant.now().plus(LOAD);
            List<Future<Void>> loops = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                loops.add(loop(client, end, ok, errors, inconsistent));
            }
            int reloads = 0;
            while (Instant.now().isBefore(end)) {
                JsonObject body = reloads % 2 == 0 ? upload(DENY_GB, GB_TEST) : upload(allowGb, openTest);
                assertEquals(200, service.admin(HttpMethod.PUT, "/v1/admin/policies/acme", body).statusCode());
                reloads++;
            }
            TestService.await(Future.all(loops));
            client.close();
            TestService.await(vertx.close());
            assertEquals(0, errors.get(), "failed evaluations during " + reloads + " reloads");
            assertEquals(Set.of(), inconsistent);
            assertTrue(reloads >= 5, "only " + reloads + " reloads happened");
            assertTrue(ok.get() > 100, "only " + ok.get() + " evaluations happened");
        }
    }

    private static Future<Void> loop(WebClient client, Instant end, AtomicLong ok, AtomicInteger errors,
                                     Set<String> inconsistent) {
        if (Instant.now().isAfter(end)) return Future.succeededFuture();
        return client.post("/v1/evaluate").sendJsonObject(login("load-" + ok.get() % 50, BOXFORD_GB, T0))
                .transform(done -> {
                    if (done.failed() || done.result().statusCode() != 200) {
                        errors.incrementAndGet();
                    } else {
                        ok.incrementAndGet();
                        JsonObject answer = done.result().bodyAsJsonObject();
                        boolean denied = "deny".equals(answer.getString("action"));
                        JsonArray notes = answer.getJsonArray("notes");
                        // Whole versions only: denied exactly when the deny version's note is there; otherwise
                        // the open version's note must be (its rule fires for every GB login).
                        boolean consistent = denied ? notes.contains("GB is closed") && !notes.contains("GB is open")
                                : notes.contains("GB is open") && !notes.contains("GB is closed");
                        if (!consistent && !notes.isEmpty()) inconsistent.add(answer.encode());
                    }
                    return loop(client, end, ok, errors, inconsistent);
                });
    }
}
