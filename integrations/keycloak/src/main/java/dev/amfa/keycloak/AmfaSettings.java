package dev.amfa.keycloak;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one "amfa: evaluate login risk" execution, read from its configuration in the admin console.
 * A bad value never throws: it is listed in {@link #problems()} (shown in the server log and the login's event)
 * and the setting falls back to its safe default, so a typo can make logins stricter but never looser.
 */
public record AmfaSettings(URI baseUrl, String apiKey, String org, Duration timeout, OnError onError,
                           EnrolPolicy enrol, List<String> problems) {
    public static final String BASE_URL = "base_url";
    public static final String API_KEY = "api_key";
    public static final String ORG = "org";
    public static final String TIMEOUT_MS = "timeout_ms";
    public static final String ON_ERROR = "on_error";
    public static final String ENROL = "enrol";

    /** 1 s: amfa answers in a few ms on a LAN; a login should not wait longer for a service that is down. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    static final long MAX_TIMEOUT_MS = 30_000;

    /** What a login does when amfa cannot be asked (unreachable, slow, 5xx, misconfigured). */
    public enum OnError { CHALLENGE, DENY, ALLOW }

    /** What a login does when amfa wants a second factor and the user has none Keycloak can run. */
    public enum EnrolPolicy { DENY, REQUIRE_EMAIL_VERIFICATION, ALLOW }

    /** True when amfa cannot be asked at all with these settings. */
    public boolean unusable() {
        return baseUrl == null;
    }

    public static AmfaSettings parse(Map<String, String> config, String realmName) {
        List<String> problems = new ArrayList<>();
        URI baseUrl = baseUrl(config.get(BASE_URL), problems);
        String apiKey = blankToNull(config.get(API_KEY));
        if (apiKey != null && !apiKey.matches("[\\x21-\\x7e]+")) {
            problems.add(API_KEY + ": must be printable ASCII without spaces");
            apiKey = null;
        }
        String org = blankToNull(config.get(ORG));
        Duration timeout = timeout(config.get(TIMEOUT_MS), problems);
        OnError onError = option(config.get(ON_ERROR), OnError.class, OnError.CHALLENGE, ON_ERROR, problems);
        EnrolPolicy enrol = option(config.get(ENROL), EnrolPolicy.class, EnrolPolicy.DENY, ENROL, problems);
        return new AmfaSettings(baseUrl, apiKey, org == null ? realmName : org, timeout, onError, enrol,
                List.copyOf(problems));
    }

    /** The option's name as the admin console lists it: {@code require-email-verification}. */
    public static String optionName(Enum<?> option) {
        return option.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> List<String> optionNames(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(AmfaSettings::optionName).toList();
    }

    private static URI baseUrl(String value, List<String> problems) {
        String text = blankToNull(value);
        if (text == null) {
            problems.add(BASE_URL + ": missing (amfa's address, e.g. http://amfa:8080)");
            return null;
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                problems.add(BASE_URL + ": must be an http(s) address without query, like http://amfa:8080 (got " + text + ")");
                return null;
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            problems.add(BASE_URL + ": not an address (" + text + ")");
            return null;
        }
    }

    private static Duration timeout(String value, List<String> problems) {
        String text = blankToNull(value);
        if (text == null) return DEFAULT_TIMEOUT;
        try {
            long ms = Long.parseLong(text);
            if (ms >= 1 && ms <= MAX_TIMEOUT_MS) return Duration.ofMillis(ms);
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(TIMEOUT_MS + ": must be a whole number of milliseconds from 1 to " + MAX_TIMEOUT_MS
                + " (got " + text + "); using " + DEFAULT_TIMEOUT.toMillis());
        return DEFAULT_TIMEOUT;
    }

    private static <E extends Enum<E>> E option(String value, Class<E> type, E fallback, String field, List<String> problems) {
        String text = blankToNull(value);
        if (text == null) return fallback;
        for (E option : type.getEnumConstants()) {
            if (optionName(option).equals(text.trim().toLowerCase(Locale.ROOT))) return option;
        }
        problems.add(field + ": one of " + optionNames(type) + " (got " + text + "); using " + optionName(fallback));
        return fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
