package dev.amfa.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's users (demo/users.json): username, PBKDF2 password hash, email, enrolled factors, all in one org.
 * {@code localIp} stands in for a browser on this machine or a private network: such an address has no place
 * in GeoIP, and a login from nowhere is always challenged, which would hide what the demo shows.
 */
public record DemoUsers(String org, String localIp, Map<String, DemoUser> users) {
    static final String BUNDLED = "/demo/users.json";

    public record DemoUser(String username, String passwordHash, String email, List<String> enrolledFactors) {
    }

    /** @param file the user file, or null for the bundled one */
    public static DemoUsers load(Path file) throws IOException {
        String text;
        if (file == null) {
            try (InputStream in = DemoUsers.class.getResourceAsStream(BUNDLED)) {
                if (in == null) throw new IOException(BUNDLED + " is missing from the jar");
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            text = Files.readString(file);
        }
        JsonObject json = new JsonObject(text);
        Map<String, DemoUser> users = new LinkedHashMap<>();
        for (Object item : json.getJsonArray("users", new JsonArray())) {
            JsonObject u = (JsonObject) item;
            String hash = u.getString("password_hash");
            // Fails at start, not at the first login, when a hash is not one Passwords can check.
            if (hash == null || !hash.startsWith(Passwords.PREFIX + ":")) {
                throw new IOException("demo user " + u.getString("username") + ": password_hash must be " + Passwords.PREFIX);
            }
            users.put(u.getString("username"), new DemoUser(u.getString("username"), hash, u.getString("email"),
                    u.getJsonArray("enrolled_factors", new JsonArray()).stream().map(String::valueOf).toList()));
        }
        return new DemoUsers(json.getString("org", "demo"), json.getString("local_ip"), Map.copyOf(users));
    }

    /**
     * The user whose password this is; empty for a wrong password and for an unknown user alike, after the
     * same work (a dummy hash is checked), so neither answer nor timing tells which. Blocking: slow on purpose.
     */
    public Optional<DemoUser> authenticate(String username, String password) {
        DemoUser user = users.get(username);
        boolean ok = Passwords.verify(password, user == null ? Passwords.DUMMY : user.passwordHash());
        return ok && user != null ? Optional.of(user) : Optional.empty();
    }
}
