package dev.amfa.simulate;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A synthetic population and its logins over a period, reproducible from a seed: users with a home city and
 * one or two devices who log in a few times a day, some who travel (a few days in another city), one VPN
 * user whose exits hop between continents, and a credential-stuffing burst from a few IPs against many
 * accounts, real and made up.
 */
public final class Population {
    /** Logins per user per day, on average. */
    static final double LOGINS_PER_DAY = 1.6;
    /** Share of users who spend a stretch of the period in another city. */
    static final double TRAVELLERS = 0.1;
    /** Attempts of the credential-stuffing burst per user simulated (a burst of ~30 % of the traffic). */
    static final double STUFFING_PER_USER = 1.5;
    static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0");
    static final String BOT_AGENT = "python-requests/2.31.0";

    /**
     * One login to send.
     *
     * @param honest   whether the real user is behind it (an attacker fails, a user passes MFA)
     * @param scenario what it really is, in a labelled population; null in the demo population
     */
    public record Login(JsonObject request, boolean honest, Scenario scenario) {
        public Login(JsonObject request, boolean honest) {
            this(request, honest, null);
        }

        public Instant at() {
            return Instant.parse(request.getString("timestamp"));
        }
    }

    private Population() {
    }

    /** Every login of {@code users} users over the {@code days} days before {@code end}, oldest first. */
    public static List<Login> logins(String org, int users, int days, Instant end, long seed, AddressBook book) {
        Random random = new Random(seed);
        Instant start = end.minus(Duration.ofDays(days));
        long span = Duration.between(start, end).toSeconds();
        List<Login> logins = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String user = "user" + u;
            AddressBook.City home = book.homes().get(random.nextInt(book.homes().size()));
            AddressBook.City away = book.homes().get(random.nextInt(book.homes().size()));
            boolean travels = random.nextDouble() < TRAVELLERS && !away.equals(home);
            long tripStart = (long) (span * (0.3 + 0.4 * random.nextDouble()));
            int devices = 1 + random.nextInt(2);
            int count = (int) Math.max(1, Math.round(days * LOGINS_PER_DAY * (0.5 + random.nextDouble())));
            for (int i = 0; i < count; i++) {
                long offset = (long) (span * random.nextDouble());
                boolean onTrip = travels && offset > tripStart && offset < tripStart + span / 5;
                List<String> ips = (onTrip ? away : home).ips();
                int device = random.nextInt(devices);
                logins.add(new Login(request(org, user, pick(random, ips), user + "-d" + device,
                        USER_AGENTS.get((u + device) % USER_AGENTS.size()), start.plusSeconds(offset)), true));
            }
        }
        // The VPN user: one account, a new continent every few hours.
        for (int i = 0; i < days * 3; i++) {
            String exit = book.vpnExits().get(i % book.vpnExits().size());
            logins.add(new Login(request(org, "vpn-user", exit, "vpn-user-laptop", USER_AGENTS.get(0),
                    start.plusSeconds(span * i / (days * 3L) + 60)), true));
        }
        // Credential stuffing: one night, a few IPs, many accounts, a script's user agent and no device cookie.
        Instant burst = start.plusSeconds((long) (span * 0.8));
        int attempts = (int) (users * STUFFING_PER_USER);
        for (int i = 0; i < attempts; i++) {
            String victim = random.nextInt(3) == 0 ? "user" + random.nextInt(users) : "guess" + random.nextInt(users * 10);
            logins.add(new Login(request(org, victim, book.stuffing().get(i % book.stuffing().size()), null, BOT_AGENT,
                    burst.plusSeconds(i * 2L)), false));
        }
        logins.sort(Comparator.comparing(Login::at));
        return logins;
    }

    static JsonObject request(String org, String user, String ip, String deviceId, String userAgent, Instant at) {
        return request(org, user, ip, deviceId, null, userAgent, at);
    }

    /** @param fingerprint the browser's fingerprint, sent beside the device id; null for none */
    static JsonObject request(String org, String user, String ip, String deviceId, String fingerprint, String userAgent,
                              Instant at) {
        JsonObject body = new JsonObject().put("org", org)
                .put("user", new JsonObject().put("id", user).put("enrolled_factors", new JsonArray().add("otp").add("webauthn-platform")))
                .put("ip", ip).put("user_agent", userAgent).put("timestamp", at.toString());
        if (deviceId != null) body.put("device", new JsonObject().put("id", deviceId));
        if (fingerprint != null) {
            if (!body.containsKey("device")) body.put("device", new JsonObject());
            body.getJsonObject("device").put("fingerprint", fingerprint);
        }
        return body;
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
