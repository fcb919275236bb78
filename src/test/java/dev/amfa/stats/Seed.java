package dev.amfa.stats;

import dev.amfa.TestService;
import dev.amfa.http.Logins;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A small known traffic for statistics tests: alice at home (challenged once, passed, then allowed), carol
 * who travels Linköping → Melbourne in an hour, and a fresh user per login from a proxy.
 */
public final class Seed {
    public static final Instant T0 = Logins.T0;

    private Seed() {
    }

    /** @return the number of evaluations made (5 + proxies) */
    public static int run(TestService service, int proxies) {
        String first = id(service.post("/v1/evaluate", Logins.login("alice", Logins.BOXFORD_GB, T0)).bodyAsJsonObject());
        outcome(service, first, "passed");
        service.post("/v1/evaluate", Logins.login("alice", Logins.BOXFORD_GB, T0.plusSeconds(1800)));
        String home = id(service.post("/v1/evaluate", Logins.login("carol", Logins.LINKOPING_SE, T0.plusSeconds(60))).bodyAsJsonObject());
        outcome(service, home, "passed");
        service.post("/v1/evaluate", Logins.login("carol", Logins.MELBOURNE_AU, "carol-phone", Logins.FIREFOX_LINUX,
                T0.plusSeconds(3660)));
        service.post("/v1/evaluate", Logins.login("carol", Logins.LINKOPING_SE, T0.plusSeconds(7200)));
        for (int i = 0; i < proxies; i++) {
            service.post("/v1/evaluate", Logins.login("p" + i, Logins.MILTON_US_PROXY, T0.plusSeconds(10_000 + i)));
        }
        return 5 + proxies;
    }

    private static String id(JsonObject evaluation) {
        return evaluation.getString("evaluation_id");
    }

    private static void outcome(TestService service, String id, String mfa) {
        service.post("/v1/evaluations/" + id + "/outcome", new JsonObject().put("result", "success").put("mfa", mfa));
    }
}
