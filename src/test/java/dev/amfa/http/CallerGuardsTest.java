package dev.amfa.http;

import dev.amfa.Main;
import dev.amfa.TestService;
import dev.amfa.callers.ApiKey;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static dev.amfa.http.Logins.BOXFORD_GB;
import static dev.amfa.http.Logins.T0;
import static dev.amfa.http.Logins.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Without API keys the caller API answers this host only; a request from another address is refused. */
class CallerGuardsTest {

    /** This machine's address on a real interface: a request to it does not come from loopback. */
    private static Optional<String> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) return Optional.of(address.getHostAddress());
            }
        }
        return Optional.empty();
    }

    private static HttpResponse<Buffer> send(WebClient client, HttpMethod method, String host, int port, String path,
                                             String bearer, JsonObject body) {
        var request = client.request(method, port, host, path);
        if (bearer != null) request.putHeader("Authorization", "Bearer " + bearer);
        return TestService.await(body == null ? request.send() : request.sendJsonObject(body));
    }

    /** Runs the check with the service also listening on every interface. */
    private static void fromElsewhere(List<ApiKey> apiKeys, Check check) throws Exception {
        Optional<String> address = nonLoopbackAddress();
        assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address");
        Vertx vertx = Vertx.vertx();
        try (TestService service = TestService.start(TestService.config().withAuth(TestService.ADMIN_TOKEN, apiKeys))) {
            HttpServer everywhere = TestService.await(vertx.createHttpServer()
                    .requestHandler(Main.routing(vertx, service.service())).listen(0, "0.0.0.0"));
            check.run(WebClient.create(vertx), address.get(), everywhere.actualPort());
        } finally {
            TestService.await(vertx.close());
        }
    }

    interface Check {
        void run(WebClient client, String remoteHost, int port);
    }

    @Test
    void withoutApiKeysOnlyThisHostMayCallAndAnAnalystNeedsTheAdminToken() throws Exception {
        fromElsewhere(List.of(), (client, host, port) -> {
            var remote = send(client, HttpMethod.POST, host, port, "/v1/evaluate", null, login("a", BOXFORD_GB, T0));
            assertEquals(401, remote.statusCode(), remote.bodyAsString());
            assertEquals("unauthorized", remote.bodyAsJsonObject().getString("error"));
            assertEquals(401, send(client, HttpMethod.POST, host, port, "/v1/users/a/factors/otp", null,
                    new JsonObject().put("org", "acme")).statusCode());
            assertEquals(200, send(client, HttpMethod.POST, "127.0.0.1", port, "/v1/evaluate", null,
                    login("a", BOXFORD_GB, T0)).statusCode(), "this host may");
            assertEquals(200, send(client, HttpMethod.GET, host, port, "/health", null, null).statusCode(),
                    "health stays public");

            assertEquals(401, send(client, HttpMethod.DELETE, host, port, "/v1/users/a?org=acme", null, null).statusCode());
            assertEquals(200, send(client, HttpMethod.DELETE, host, port, "/v1/users/a?org=acme", TestService.ADMIN_TOKEN,
                    null).statusCode(), "an analyst elsewhere uses the admin token");
        });
    }

    @Test
    void withApiKeysAKeyOpensTheCallerApiFromAnywhere() throws Exception {
        fromElsewhere(List.of(ApiKey.of("oidc", "key-oidc", "acme")), (client, host, port) -> {
            assertEquals(200, send(client, HttpMethod.POST, host, port, "/v1/evaluate", "key-oidc",
                    login("a", BOXFORD_GB, T0)).statusCode());
            assertEquals(401, send(client, HttpMethod.POST, "127.0.0.1", port, "/v1/evaluate", null,
                    login("a", BOXFORD_GB, T0)).statusCode(), "with keys configured, this host needs one too");
        });
    }
}
