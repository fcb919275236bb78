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
}
