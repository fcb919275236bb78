package dev.amfa.signals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Browser and OS family of a user-agent string (uap-java). Parsing runs dozens of regular expressions, and a
 * service sees the same few thousand strings over and over: each is parsed once and cached.
 */
public final class UserAgents {
    /** uap's name for a family it does not recognise: two unknowns are not the same browser. */
    public static final String UNKNOWN_FAMILY = "Other";
    private static final int CACHED_STRINGS = 20_000;

    private final Parser parser = new Parser();
    private final Cache<String, Families> cache = Caffeine.newBuilder().maximumSize(CACHED_STRINGS).build();

    public record Families(String browser, String os) {
        public static final Families UNKNOWN = new Families(UNKNOWN_FAMILY, UNKNOWN_FAMILY);

        /** Same browser family on the same OS family, both recognised. */
        public boolean sameAs(String otherBrowser, String otherOs) {
            return !UNKNOWN_FAMILY.equals(browser) && !UNKNOWN_FAMILY.equals(os)
                    && browser.equals(otherBrowser) && os.equals(otherOs);
        }
    }

    public Families parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) return Families.UNKNOWN;
        return cache.get(userAgent, ua -> {
            Client client = parser.parse(ua);
            return new Families(client.userAgent.family, client.os.family);
        });
    }
}
