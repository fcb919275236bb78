package dev.amfa.keycloak.it;

import dev.amfa.keycloak.AmfaClient;
import dev.amfa.keycloak.AmfaSettings;
import dev.amfa.keycloak.Decision;
import dev.amfa.keycloak.LoginContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The latency a Keycloak login pays for the evaluate call (the README's benchmark row): the provider's own
 * client code ({@link AmfaClient}, one kept-alive JDK HTTP client, as in Keycloak) against the real jar on
 * loopback, in-memory store, 300 devices of 200 users. Reported in target/evaluate-latency.txt and on
 * stdout, never asserted (no timed tests). Needs no Keycloak, so it can be rerun alone on a quiet machine:
 * {@code ./mvnw -f integrations/keycloak/pom.xml verify -Dit.test=EvaluateLatencyIT}.
 */
class EvaluateLatencyIT {
    static final String ORG = "latency";
    private static final int WARM_UP = 1000;
    private static final int MEASURED = 5000;

    @Test
    void measuresTheEvaluateCallFromTheProvidersClient() throws Exception {
        Path work = Files.createDirectories(Path.of("target/latency-work")).toAbsolutePath();
        try (AmfaProcess amfa = new AmfaProcess(work)) {
            amfa.awaitReady();
            amfa.warmUp(50);
            // the longest timeout: a slow call on a loaded machine is a number to report, not a failure
            AmfaSettings settings = AmfaSettings.parse(Map.of(AmfaSettings.BASE_URL, amfa.url(),
                    AmfaSettings.API_KEY, TestSetup.API_KEY, AmfaSettings.TIMEOUT_MS, "30000"), ORG);
            long[] nanos = new long[MEASURED];
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                LoginContext login = new LoginContext(settings.org(), "user-" + (i % 200), null, List.of(), List.of("otp"),
                        "2.125.160.216", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0", "device-" + (i % 300),
                        "authorization_code", "portal");
                long start = System.nanoTime();
                Decision decision = AmfaClient.evaluate(settings, login.toJson());
                long took = System.nanoTime() - start;
                assertEquals("challenge", decision.action(), "unknown devices are challenged (no outcome is reported here)");
                if (i >= WARM_UP) nanos[i - WARM_UP] = took;
            }
            Arrays.sort(nanos);
            String line = String.format(Locale.ROOT,
                    "evaluate from the Keycloak provider's client, loopback, %d calls after %d warm-up: p50 %.2f ms, p99 %.2f ms, max %.2f ms; load average %s%n",
                    MEASURED, WARM_UP, nanos[MEASURED / 2] / 1e6, nanos[MEASURED * 99 / 100] / 1e6, nanos[MEASURED - 1] / 1e6,
                    Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "unknown");
            Files.writeString(Path.of("target/evaluate-latency.txt"), line);
            System.out.print(line);
        }
    }
}
