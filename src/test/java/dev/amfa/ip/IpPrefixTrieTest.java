package dev.amfa.ip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpPrefixTrieTest {

    @Test
    void emptyTrieMatchesNothing() throws Exception {
        IpPrefixTrie<String> trie = new IpPrefixTrie<>();
        assertEquals(Optional.empty(), trie.longestMatch(InetAddress.getByName("10.0.0.1")));
        assertEquals(Optional.empty(), trie.longestMatch(InetAddress.getByName("::1")));
        assertEquals(0, trie.size());
        assertTrue(trie.isEmpty());
    }

    @Test
    void longestPrefixWinsWhateverTheInsertionOrder() throws Exception {
        for (List<String> order : List.of(List.of("10.0.0.0/8", "10.1.2.0/24"), List.of("10.1.2.0/24", "10.0.0.0/8"))) {
            IpPrefixTrie<String> trie = new IpPrefixTrie<>();
            order.forEach(network -> trie.put(Cidr.parse(network), network));
            assertEquals("10.1.2.0/24", valueAt(trie, "10.1.2.3"), "order " + order);
            assertEquals("10.0.0.0/8", valueAt(trie, "10.1.3.1"), "order " + order);
            assertEquals(null, valueAt(trie, "11.1.2.3"), "order " + order);
        }
    }

    @Test
    void matchCarriesTheNetworkThatMatched() throws Exception {
        IpPrefixTrie<String> trie = new IpPrefixTrie<>();
        trie.put(Cidr.parse("10.0.0.0/8"), "eight");
        IpPrefixTrie.Match<String> match = trie.longestMatch(InetAddress.getByName("10.9.9.9")).orElseThrow();
        assertEquals(new IpPrefixTrie.Match<>(Cidr.parse("10.0.0.0/8"), "eight"), match);
    }

    @Test
    void defaultRouteAndHostRoutesAreTheEnds() throws Exception {
        IpPrefixTrie<String> trie = new IpPrefixTrie<>();
        trie.put(Cidr.parse("0.0.0.0/0"), "anything");
        trie.put(Cidr.parse("192.0.2.7"), "host");
        trie.put(Cidr.parse("::/0"), "anything6");
        trie.put(Cidr.parse("2001:db8::7"), "host6");
        assertEquals("anything", valueAt(trie, "8.8.8.8"));
        assertEquals("host", valueAt(trie, "192.0.2.7"));
        assertEquals("anything", valueAt(trie, "192.0.2.6"));
        assertEquals("anything6", valueAt(trie, "2606:4700::1111"));
        assertEquals("host6", valueAt(trie, "2001:db8::7"));
    }

    @Test
    void ipv6LongestPrefixWins() throws Exception {
        IpPrefixTrie<String> trie = new IpPrefixTrie<>();
        trie.put(Cidr.parse("2001:db8::/32"), "doc");
        trie.put(Cidr.parse("2001:db8:1::/48"), "site");
        trie.put(Cidr.parse("2001:db8:1:2::/64"), "lan");
        assertEquals("lan", valueAt(trie, "2001:db8:1:2::99"));
        assertEquals("site", valueAt(trie, "2001:db8:1:3::1"));
        assertEquals("doc", valueAt(trie, "2001:db8:2::1"));
        assertEquals(null, valueAt(trie, "2001:db9::1"));
    }

    @Test
    void familiesNeverMatchEachOther() throws Exception {
        IpPrefixTrie<String> trie = new IpPrefixTrie<>();
        trie.put(Cidr.parse("::/0"), "v6");
        assertEquals(null, valueAt(trie, "8.8.8.8"));
        IpPrefixTrie<String> v4 = new IpPrefixTrie<>();
        v4.put(Cidr.parse("0.0.0.0/0"), "v4");
        assertEquals(null, valueAt(v4, "::1"));
    }

    @ParameterizedTest
    @CsvSource({
            "198.18.0.0/15,  198.18.0.0,       198.19.255.255,  198.17.255.255,  198.20.0.0",
            "10.1.2.0/24,    10.1.2.0,         10.1.2.255,      10.1.1.255,      10.1.3.0",
            "2001:db8::/32,  2001:db8::,       2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, "
                    + "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, 2001:db9::",
            "fe80::/10,      fe80::,           febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, "
                    + "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff, fec0::",
    })
    void firstAndLastAddressAreInsideAndTheirNeighboursOutside(String network, String first, String last,
                                                               String before, String after) throws Exception {
        IpPrefixTrie<String> trie = new IpPrefixTrie<>();
        trie.put(Cidr.parse(network), network);
        assertEquals(network, valueAt(trie, first));
        assertEquals(network, valueAt(trie, last));
        assertEquals(null, valueAt(trie, before));
        assertEquals(null, valueAt(trie, after));
    }

    @Test
    void ipv4MappedAddressesAreLookedUpAsIpv4() throws Exception {
        IpPrefixTrie<String> trie = new IpPrefixTrie<>();
        trie.put(Cidr.parse("127.0.0.0/8"), "loopback");
        trie.put(Cidr.parse("::ffff:192.0.2.0/120"), "mapped entry");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        assertEquals("loopback", trie.longestMatch(Inet6Address.getByAddress(null, mapped, -1)).orElseThrow().value());
        assertEquals("mapped entry", valueAt(trie, "192.0.2.55"));
    }

    @Test
    void putReplacesAndPutIfAbsentKeepsTheFirst() throws Exception {
        IpPrefixTrie<String> trie = new IpPrefixTrie<>();
        assertTrue(trie.putIfAbsent(Cidr.parse("10.0.0.0/8"), "first"));
        assertFalse(trie.putIfAbsent(Cidr.parse("10.0.0.0/8"), "second"));
        assertEquals("first", valueAt(trie, "10.0.0.1"));
        trie.put(Cidr.parse("10.0.0.0/8"), "replaced");
        assertEquals("replaced", valueAt(trie, "10.0.0.1"));
        trie.put(Cidr.parse("10.0.0.0/9"), "nested");
        assertEquals(2, trie.size());
    }

    /** Correctness at list scale, not speed: no timing is asserted. */
    @Test
    void hundredThousandRandomSlash24sAnswerCorrectlyInsideAndOutside() throws Exception {
        Random random = new Random(20240601);
        Set<Integer> stored = new HashSet<>();
        IpPrefixTrie<Integer> trie = new IpPrefixTrie<>();
        while (stored.size() < 100_000) {
            int prefix = random.nextInt(1 << 24);
            if (stored.add(prefix)) trie.put(new Cidr(address(prefix, 0), 24), prefix);
        }
        assertEquals(100_000, trie.size());
        for (int prefix : stored) {
            int host = random.nextInt(256);
            IpPrefixTrie.Match<Integer> match = trie.longestMatch(InetAddress.getByAddress(address(prefix, host)))
                    .orElseThrow(() -> new AssertionError("no match inside /24 " + prefix));
            assertEquals(prefix, match.value());
            assertEquals(new Cidr(address(prefix, 0), 24), match.network());
        }
        int outside = 0;
        while (outside < 100_000) {
            int prefix = random.nextInt(1 << 24);
            if (stored.contains(prefix)) continue;
            outside++;
            InetAddress ip = InetAddress.getByAddress(address(prefix, random.nextInt(256)));
            assertEquals(Optional.empty(), trie.longestMatch(ip), ip.toString());
        }
    }

    private static byte[] address(int slash24, int host) {
        return new byte[] {(byte) (slash24 >>> 16), (byte) (slash24 >>> 8), (byte) slash24, (byte) host};
    }

    private static String valueAt(IpPrefixTrie<String> trie, String ip) throws UnknownHostException {
        return trie.longestMatch(InetAddress.getByName(ip)).map(IpPrefixTrie.Match::value).orElse(null);
    }
}
