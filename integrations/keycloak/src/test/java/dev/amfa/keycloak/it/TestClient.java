package dev.amfa.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The OpenID Connect application of the tests: a public client whose redirect URI is this server. It trades
 * the authorization code for tokens at Keycloak's token endpoint, as a real application does, keeps what it
 * received, and shows "Signed in as <user>" to the browser.
 */
final class TestClient implements AutoCloseable {
    static final String CLIENT_ID = "amfa-it-app";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpServer server;
    private final String tokenEndpoint;
    /** The preferred_username of each id token received, in order. */
    final List<String> signedIn = new CopyOnWriteArrayList<>();

    TestClient(String keycloakUrl, String realm) throws IOException {
        this.tokenEndpoint = keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token";
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cb", this::callback);
        server.start();
    }

    String redirectUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cb";
    }

    private void callback(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String page;
        try {
            String code = query.get("code");
            if (code == null) throw new IllegalStateException("no code: " + query);
            String form = "grant_type=authorization_code&client_id=" + CLIENT_ID + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                    + "&redirect_uri=" + URLEncoder.encode(redirectUri(), StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode tokens = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !tokens.hasNonNull("access_token")) throw new IllegalStateException(response.body());
            String payload = tokens.path("id_token").asText().split("\\.")[1];
            String user = JSON.readTree(Base64.getUrlDecoder().decode(payload)).path("preferred_username").asText();
            signedIn.add(user);
            page = "<h1 id=\"signed-in\">Signed in as " + user + "</h1>";
        } catch (Exception e) {
            page = "<h1 id=\"client-error\">No tokens: " + e.getMessage().replace("<", "&lt;") + "</h1>";
        }
        byte[] body = ("<!doctype html><title>amfa-it-app</title>" + page).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) return values;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
