package dev.amfa.ip;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * The one place that knows an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is really IPv4.
 * Dual-stack sockets report IPv4 clients this way; folding them keeps a client from dodging an IPv4 deny
 * list (or missing an allow list) just because the front end listens on an IPv6 socket.
 */
final class Ipv4Mapped {
    /** Bits of the {@code ::ffff:0:0/96} prefix in front of the embedded IPv4 address. */
    static final int PREFIX_BITS = 96;

    private Ipv4Mapped() {}

    static boolean is(byte[] address) {
        if (address.length != 16 || address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) return false;
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) return false;
        }
        return true;
    }

    /** The embedded 4 bytes of a mapped address; any other address unchanged (not copied). */
    static byte[] unwrap(byte[] address) {
        return is(address) ? Arrays.copyOfRange(address, 12, 16) : address;
    }

    /** The bytes this package compares: 4 for IPv4 and IPv4-mapped IPv6, 16 for other IPv6. */
    static byte[] bytesOf(InetAddress ip) {
        return unwrap(ip.getAddress());
    }
}
