package dev.amfa.evaluation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses an IP address literal and nothing else. InetAddress.getByName would resolve a host name through DNS
 * on the request path; this accepts only dotted-quad IPv4 and IPv6 (with '::' and an embedded IPv4 tail).
 */
final class IpAddressText {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddressText() {
    }

    /** @return the address, or null when the text is not an IP literal */
    static InetAddress parse(String text) {
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) return null;
                bytes[i] = (byte) octet;
            }
            return address(bytes);
        }
        if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
            try {
                // With a ':' and only hex digits, getByName parses a literal and never asks DNS.
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
