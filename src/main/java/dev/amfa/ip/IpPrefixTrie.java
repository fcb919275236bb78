package dev.amfa.ip;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Longest-prefix match over address bits: a binary trie with one root per address family, so an IPv4
 * address is never compared with IPv6 networks. A lookup walks at most 32 or 128 nodes, however many
 * networks are stored.
 *
 * <p>Not safe for concurrent writes: build it, then share it read-only (e.g. through a final field).
 * Lookups allocate only the returned {@link Optional}.
 *
 * @param <V> what a network maps to
 */
public final class IpPrefixTrie<V> {
    private final Node<V> ipv4Root = new Node<>();
    private final Node<V> ipv6Root = new Node<>();
    private int size;

    /** Stores {@code value} for {@code network}, replacing the value of an identical network, as Map.put does. */
    public void put(Cidr network, V value) {
        insert(network, value, true);
    }

    /**
     * Stores {@code value} unless the identical network is already present.
     *
     * @return whether the value was stored
     */
    public boolean putIfAbsent(Cidr network, V value) {
        return insert(network, value, false);
    }

    /**
     * The most specific stored network containing {@code ip}. An IPv4-mapped IPv6 address is looked up as IPv4.
     */
    public Optional<Match<V>> longestMatch(InetAddress ip) {
        byte[] address = Ipv4Mapped.bytesOf(Objects.requireNonNull(ip, "ip"));
        Node<V> node = address.length == 4 ? ipv4Root : ipv6Root;
        Match<V> best = node.match;
        for (int bit = 0; bit < address.length * 8; bit++) {
            node = node.child(bitAt(address, bit));
            if (node == null) break;
            if (node.match != null) best = node.match;
        }
        return Optional.ofNullable(best);
    }

    /** Number of distinct networks stored. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** A stored network and its value. */
    public record Match<V>(Cidr network, V value) {}

    private boolean insert(Cidr network, V value, boolean replace) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(value, "value");
        byte[] address = network.address();
        Node<V> node = network.isIpv4() ? ipv4Root : ipv6Root;
        for (int bit = 0; bit < network.prefixLength(); bit++) {
            node = node.childCreating(bitAt(address, bit));
        }
        if (node.match != null && !replace) return false;
        if (node.match == null) size++;
        node.match = new Match<>(network, value);
        return true;
    }

    /** Bit {@code index} of the address, most significant first: the order prefixes are written in. */
    private static int bitAt(byte[] address, int index) {
        return (address[index >>> 3] >>> (7 - (index & 7))) & 1;
    }

    private static final class Node<V> {
        private Node<V> zero;
        private Node<V> one;
        private Match<V> match;

        Node<V> child(int bit) {
            return bit == 0 ? zero : one;
        }

        Node<V> childCreating(int bit) {
            if (bit == 0) {
                if (zero == null) zero = new Node<>();
                return zero;
            }
            if (one == null) one = new Node<>();
            return one;
        }
    }
}
