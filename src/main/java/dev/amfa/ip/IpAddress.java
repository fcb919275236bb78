package dev.amfa.ip;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses the IP address of a request: literals only, never DNS (see {@link AddressLiteral}). */
public final class IpAddress {
    private IpAddress() {
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the text. An IPv4-mapped IPv6 address comes
     *                                  back as IPv4, so it is located, listed and counted as the same client.
     */
    public static InetAddress parse(String text) {
        try {
            return InetAddress.getByAddress(AddressLiteral.parse(text));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /**
     * The one text form of an address (dotted quad; RFC 5952 for IPv6) used as a key in stores and logs:
     * "2001:db8::1" and "2001:DB8:0:0::1" must count as one client.
     */
    public static String canonical(InetAddress ip) {
        return AddressLiteral.format(ip.getAddress());
    }
}
