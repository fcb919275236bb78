package dev.amfa.http;

import dev.amfa.ip.IpAddress;

import java.net.URI;
import java.util.Locale;

/** Whether a Host header or an Origin names this machine: "localhost" (RFC 6761) or a loopback address. */
final class LoopbackNames {
    private LoopbackNames() {
    }

    /** {@code host[:port]} naming a loopback host and {@code port} (80 when the header has none). */
    static boolean isLoopbackAuthority(String authority, int port) {
        String value = authority.strip();
        int colon = value.lastIndexOf(':');
        boolean bracketed = value.startsWith("[");
        String host = value;
        int given = 80;
        if (colon > 0 && (!bracketed || colon > value.indexOf(']'))) {
            host = value.substring(0, colon);
            try {
                given = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return given == port && isLoopbackHost(host);
    }

    /** An Origin such as {@code http://localhost:3000}: any scheme and port, a loopback host. */
    static boolean isLoopbackOrigin(String origin) {
        try {
            String host = URI.create(origin.strip()).getHost();
            return host != null && isLoopbackHost(host);
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed page, a file) and anything unreadable
        }
    }

    private static boolean isLoopbackHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) name = name.substring(1, name.length() - 1);
        if (name.equals("localhost") || name.endsWith(".localhost")) return true;
        // Only address literals: a name is never looked up (that is what a rebinding attacker controls).
        if (!name.matches("[0-9.]+|[0-9a-f:.]+")) return false;
        try {
            return IpAddress.parse(name).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
