package dev.amfa.keycloak.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Where things are and the few facts every integration test shares, each in one place. */
final class TestSetup {
    /** The repository root: the service's jar, its rules and test GeoIP database, the browser scripts' node_modules. */
    static final Path ROOT = Path.of(System.getProperty("amfa.root", "../..")).toAbsolutePath().normalize();
    static final Path KEYCLOAK_HOME = Path.of(System.getProperty("keycloak.home", "target/keycloak-26.7.4")).toAbsolutePath();
    static final Path PROVIDER_JAR = Path.of(System.getProperty("provider.jar", "target/amfa-keycloak.jar")).toAbsolutePath();
    static final Path SHIPPED_REALM = Path.of("realm/amfa-realm.json").toAbsolutePath();

    /** The realm the tests import (and so amfa's org: the provider's default org is the realm's name). */
    static final String REALM = "amfa-it";
    /** A second realm, the same but with {@code enrol = require-email-verification} and an SMTP server. */
    static final String ENROL_REALM = "amfa-it-enrol";
    /** A third, with {@code enrol = allow}. */
    static final String ENROL_ALLOW_REALM = "amfa-it-enrol-allow";
    /** The API key Keycloak presents to amfa; {@link #apiKeysFlag()} is amfa's side of it. */
    static final String API_KEY = "kc-it-4f0c2d9a8e7b6153";
    static final String ADMIN_TOKEN = "kc-it-admin-token";

    private TestSetup() {
    }

    /** amfa's --api-keys value for {@link #API_KEY}: bound to the realms' orgs and the tests' own. */
    static String apiKeysFlag() {
        return "keycloak@" + String.join("+", REALM, ENROL_REALM, ENROL_ALLOW_REALM, AmfaProcess.WARM_UP_ORG,
                EvaluateLatencyIT.ORG) + "=" + API_KEY;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls until {@code value} answers non-null, or fails with {@code what} after {@code timeout}. */
    static <T> T eventually(String what, Duration timeout, Supplier<T> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T result = value.get();
            if (result != null) return result;
            if (Instant.now().isAfter(deadline)) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(200);
        }
    }
}
