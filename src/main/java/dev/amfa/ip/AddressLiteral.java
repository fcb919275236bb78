package dev.amfa.ip;

import java.util.Arrays;

/**
 * Converts IP address literals to bytes and back, without ever touching DNS.
 *
 * <p>{@link java.net.InetAddress#getByName} is deliberately not used: given a word that is not a literal it
 * resolves it as a host name (a list line must never trigger a lookup), and it accepts legacy IPv4 forms such
 * as {@code 10.1} or {@code 0x7f.1} that make list entries mean something other than what they appear to say.
 * Octets with a leading zero are rejected for the same reason: some tools read {@code 010} as octal.
 */
final class AddressLiteral {
    private static final int IPV6_GROUPS = 8;

    private AddressLiteral() {}

    /** Parses a dotted-quad IPv4 or an RFC 4291 IPv6 literal into 4 or 16 bytes. No zone ids, no brackets. */
    static byte[] parse(String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("empty address");
        if (text.indexOf(':') >= 0) return parseIpv6(text);
        byte[] ipv4 = new byte[4];
        parseIpv4(text, ipv4, 0);
        return ipv4;
    }

    /** Dotted quad for IPv4; RFC 5952 canonical text (lower case, longest zero run compressed) for IPv6. */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
        }
        int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < IPV6_GROUPS; i++) groups[i] = (address[2 * i] & 0xFF) << 8 | (address[2 * i + 1] & 0xFF);
        int runStart = -1;
        int runLength = 1; // RFC 5952 4.2.2: a single zero group is never shortened to "::"
        for (int i = 0; i < IPV6_GROUPS; i++) {
            int length = 0;
            while (i + length < IPV6_GROUPS && groups[i + length] == 0) length++;
            if (length > runLength) {
                runStart = i;
                runLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == runStart) {
                text.append("::");
                i += runLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') text.append(':');
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static void parseIpv4(String text, byte[] into, int offset) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) throw invalid(text, "expected four dot-separated numbers");
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            if (octet.isEmpty() || octet.length() > 3 || !isDecimal(octet)) {
                throw invalid(text, "'" + octet + "' is not a number from 0 to 255");
            }
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                throw invalid(text, "leading zero in '" + octet + "' (ambiguous: some tools read it as octal)");
            }
            int value = Integer.parseInt(octet);
            if (value > 255) throw invalid(text, octet + " is greater than 255");
            into[offset + i] = (byte) value;
        }
    }

    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) throw invalid(text, "'::' may appear only once");
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), text, gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), text, true);
        if (gap < 0 && head.length != IPV6_GROUPS) throw invalid(text, "expected 8 groups of hex digits");
        if (gap >= 0 && head.length + tail.length >= IPV6_GROUPS) throw invalid(text, "too many groups for '::'");
        int[] all = new int[IPV6_GROUPS];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, IPV6_GROUPS - tail.length, tail.length);
        byte[] bytes = new byte[16];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            bytes[2 * i] = (byte) (all[i] >>> 8);
            bytes[2 * i + 1] = (byte) all[i];
        }
        return bytes;
    }

    /** The 16-bit groups of one side of "::"; the last side may end in an embedded dotted quad (two groups). */
    private static int[] groups(String part, String whole, boolean mayEndInIpv4) {
        if (part.isEmpty()) return new int[0];
        String[] pieces = part.split(":", -1);
        int[] groups = new int[pieces.length + 1];
        int count = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (mayEndInIpv4 && i == pieces.length - 1 && piece.indexOf('.') >= 0) {
                byte[] ipv4 = new byte[4];
                parseIpv4(piece, ipv4, 0);
                groups[count++] = (ipv4[0] & 0xFF) << 8 | (ipv4[1] & 0xFF);
                groups[count++] = (ipv4[2] & 0xFF) << 8 | (ipv4[3] & 0xFF);
            } else if (piece.isEmpty() || piece.length() > 4 || !isHex(piece)) {
                throw invalid(whole, "'" + piece + "' is not a group of 1 to 4 hex digits");
            } else {
                groups[count++] = Integer.parseInt(piece, 16);
            }
        }
        return Arrays.copyOf(groups, count);
    }

    // Character.isDigit would also accept non-ASCII digits, which no address literal contains.
    private static boolean isDecimal(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isHex(String text) {
        return text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("'" + text + "' is not an IP address: " + reason);
    }
}
