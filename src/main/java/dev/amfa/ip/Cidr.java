package dev.amfa.ip;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A network in CIDR notation, IPv4 (4 address bytes) or IPv6 (16).
 *
 * <ul>
 *   <li>A bare address is a single-host network: {@code /32} or {@code /128}.</li>
 *   <li>An IPv4-mapped IPv6 network ({@code ::ffff:1.2.3.0/120}) is normalised to IPv4 ({@code 1.2.3.0/24}),
 *       so it matches IPv4 clients. Mapped prefixes shorter than /96 also cover non-mapped space and stay IPv6.</li>
 *   <li>Host bits set beyond the prefix ({@code 10.1.2.3/8}) are <b>rejected</b>, not cleared. Such a line is
 *       usually a typo for a longer prefix; clearing would silently widen it, and on an allow list that means
 *       trusting far more addresses than the operator meant. The message names the network it would have been.</li>
 * </ul>
 *
 * <p>The address array is copied in and out, so a {@code Cidr} is immutable; {@code equals} compares contents.
 */
public record Cidr(byte[] address, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(address, "address");
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        if (prefixLength < 0 || prefixLength > address.length * 8) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " is outside 0.." + address.length * 8);
        }
        if (Ipv4Mapped.is(address) && prefixLength >= Ipv4Mapped.PREFIX_BITS) {
            address = Ipv4Mapped.unwrap(address);
            prefixLength -= Ipv4Mapped.PREFIX_BITS;
        } else {
            address = address.clone();
        }
        byte[] network = masked(address, prefixLength);
        if (!Arrays.equals(network, address)) {
            throw new IllegalArgumentException("host bits set in " + AddressLiteral.format(address) + "/" + prefixLength
                    + " (the network is " + AddressLiteral.format(network) + "/" + prefixLength + ")");
        }
    }

    /**
     * Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a bare address. Strict: no surrounding blanks,
     * no host names, no zone ids.
     *
     * @throws IllegalArgumentException naming the input and what is wrong with it
     */
    public static Cidr parse(String text) {
        if (text == null) throw new IllegalArgumentException("network is null");
        try {
            int slash = text.indexOf('/');
            byte[] address = AddressLiteral.parse(slash < 0 ? text : text.substring(0, slash));
            int prefixLength = slash < 0 ? address.length * 8 : parsePrefixLength(text.substring(slash + 1));
            return new Cidr(address, prefixLength);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid network '" + text + "': " + e.getMessage(), e);
        }
    }

    /** A copy: the record stays immutable. */
    @Override
    public byte[] address() {
        return address.clone();
    }

    public boolean isIpv4() {
        return address.length == 4;
    }

    /** Whether {@code ip} lies in this network; an IPv4-mapped IPv6 address counts as its IPv4 address. */
    public boolean contains(InetAddress ip) {
        byte[] candidate = Ipv4Mapped.bytesOf(ip);
        return candidate.length == address.length && Arrays.equals(masked(candidate, prefixLength), address);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && prefixLength == that.prefixLength && Arrays.equals(address, that.address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + prefixLength;
    }

    /** Canonical CIDR: {@code 10.0.0.0/8}, {@code 2001:db8::/32} (RFC 5952 text), always with the prefix. */
    @Override
    public String toString() {
        return AddressLiteral.format(address) + "/" + prefixLength;
    }

    private static int parsePrefixLength(String text) {
        boolean decimal = !text.isEmpty() && text.length() <= 3 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!decimal) throw new IllegalArgumentException("prefix length '" + text + "' is not a number");
        return Integer.parseInt(text);
    }

    /** The address with every bit after the first {@code prefixLength} cleared. */
    private static byte[] masked(byte[] address, int prefixLength) {
        byte[] network = address.clone();
        for (int i = 0; i < network.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
            network[i] &= (byte) (0xFF00 >>> keep);
        }
        return network;
    }
}
