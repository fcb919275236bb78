package dev.amfa.http;

import dev.amfa.TestService;
import dev.amfa.callers.ApiKey;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each calling service has its own evaluation key; neither kind of credential opens the other API. */
class ApiKeysTest {

    @Test
    void evaluationsNeedAnApiKeyAndAnApiKeyCannotChangePolicy() {
        var config = TestService.config().withAuth(TestService.ADMIN_TOKEN,
                List.of(ApiKey.of("oidc", "key-oidc", "acme"), ApiKey.of("ldap", "key-ldap", "acme")));
        try (TestService service = TestService.start(config)) {
            assertEquals(401, service.call(HttpMethod.POST, "/v1/evaluate", null, login("a", BOXFORD_GB, T0)).statusCode());
            assertEquals(401, service.call(HttpMethod.POST, "/v1/evaluate", "key-wrong", login("a", BOXFORD_GB, T0)).statusCode());
            assertEquals(401, service.call(HttpMethod.POST, "/v1/evaluate", TestService.ADMIN_TOKEN,
                    login("a", BOXFORD_GB, T0)).statusCode(), "the admin token is not an evaluation key");
            var ok = service.call(HttpMethod.POST, "/v1/evaluate", "key-ldap", login("a", BOXFORD_GB, T0));
            assertEquals(200, ok.statusCode());
            String id = ok.bodyAsJsonObject().getString("evaluation_id");
            assertEquals(401, service.call(HttpMethod.POST, "/v1/evaluations/" + id + "/outcome", null,
                    new io.vertx.core.json.JsonObject().put("result", "success")).statusCode());
            assertEquals(404, service.call(HttpMethod.POST, "/v1/evaluations/" + id + "/outcome", "key-oidc",
                    new io.vertx.core.json.JsonObject().put("result", "success")).statusCode(), "another service's evaluation");
            assertEquals(202, service.call(HttpMethod.POST, "/v1/evaluations/" + id + "/outcome", "key-ldap",
                    new io.vertx.core.json.JsonObject().put("result", "success")).statusCode());

            assertEquals(401, service.call(HttpMethod.GET, "/v1/admin/policies", "key-oidc", null).statusCode());
            assertEquals(401, service.call(HttpMethod.POST, "/v1/admin/policies/reload", "key-oidc", null).statusCode());
        }
    }

    @Test
    void userDataAndFactorCallsTakeAnApiKeyOrTheAdminToken() {
        var config = TestService.config().withAuth(TestService.ADMIN_TOKEN, List.of(ApiKey.of("oidc", "key-oidc", "acme")));
        var clear = new io.vertx.core.json.JsonObject().put("org", "acme").put("signals", new io.vertx.core.json.JsonArray().add("devices"));
        try (TestService service = TestService.start(config)) {
            assertEquals(401, service.call(HttpMethod.DELETE, "/v1/users/u1?org=acme", null, null).statusCode());
            assertEquals(401, service.call(HttpMethod.DELETE, "/v1/users/u1?org=acme", "key-wrong", null).statusCode());
            assertEquals(200, service.call(HttpMethod.DELETE, "/v1/users/u1?org=acme", "key-oidc", null).statusCode());
            assertEquals(200, service.call(HttpMethod.DELETE, "/v1/users/u1?org=acme", TestService.ADMIN_TOKEN, null).statusCode());
            assertEquals(401, service.call(HttpMethod.POST, "/v1/users/u1/risk/clear", null, clear).statusCode());
            assertEquals(200, service.call(HttpMethod.POST, "/v1/users/u1/risk/clear", TestService.ADMIN_TOKEN, clear).statusCode(),
                    "an analyst clears risk with the admin token");
            var enrol = new io.vertx.core.json.JsonObject().put("org", "acme");
            assertEquals(401, service.call(HttpMethod.POST, "/v1/users/u1/factors/otp", null, enrol).statusCode());
            assertEquals(201, service.call(HttpMethod.POST, "/v1/users/u1/factors/otp", "key-oidc", enrol).statusCode());
            assertEquals(201, service.call(HttpMethod.POST, "/v1/users/u1/factors/otp", TestService.ADMIN_TOKEN, enrol).statusCode(),
                    "an analyst re-enrols a user who lost their phone");
        }
    }

    @Test
    void withoutAnAdminTokenTheAdminApiIsDisabled() {
        try (TestService service = TestService.start(TestService.config().withAuth(null, List.of()))) {
            var refused = service.call(HttpMethod.GET, "/v1/admin/policies", "anything", null);
            assertEquals(401, refused.statusCode());
            assertEquals(true, refused.bodyAsJsonObject().getString("message").contains("AMFA_ADMIN_TOKEN"));
        }
    }
}
