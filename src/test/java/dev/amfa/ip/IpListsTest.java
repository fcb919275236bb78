package dev.amfa.ip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpListsTest {
    /** The lists shipped with the service; Maven runs tests from the repository root. */
    private static final Path SHIPPED = Path.of("rules/ip-lists");

    @TempDir
    Path tempDir;

    @Test
    void loadsDenyAndAllowListsCountingDistinctNetworks() throws Exception {
        IpLists lists = IpLists.load(fixtureLists());
        assertEquals(5, lists.deniedNetworks(), "192.0.2.0/24 is in both deny lists and counts once");
        assertEquals(2, lists.allowedNetworks());
    }

    @Test
    void mostSpecificDenyNetworkWinsAcrossLists() throws Exception {
        IpLists lists = IpLists.load(fixtureLists());
        assertEquals(Optional.of(new IpListMatch("b_reputation", "10.20.30.0/24", "reputation")), lists.denied(ip("10.20.30.40")));
        assertEquals(Optional.of(new IpListMatch("a_abuse", "10.0.0.0/8", "abuse")), lists.denied(ip("10.1.1.1")));
        assertEquals(Optional.of(new IpListMatch("b_reputation", "2001:db8:1::/48", "reputation")), lists.denied(ip("2001:db8:1::5")));
        assertEquals(Optional.of(new IpListMatch("a_abuse", "2001:db8::/32", "abuse")), lists.denied(ip("2001:db8:2::1")));
    }

    @Test
    void identicalNetworkGoesToTheListWhoseFileSortsFirst() throws Exception {
        assertEquals(Optional.of(new IpListMatch("a_abuse", "192.0.2.0/24", "abuse")),
                IpLists.load(fixtureLists()).denied(ip("192.0.2.1")));
    }

    @Test
    void allowListsAnswerSeparately() throws Exception {
        IpLists lists = IpLists.load(fixtureLists());
        assertEquals(Optional.of(new IpListMatch("office", "10.20.30.0/24", "allow")), lists.allowed(ip("10.20.30.40")));
        assertEquals(Optional.of(new IpListMatch("office", "2001:db8:1::/48", "allow")), lists.allowed(ip("2001:db8:1::5")));
        assertEquals(Optional.empty(), lists.allowed(ip("10.1.1.1")));
    }

    @Test
    void filesWithoutAListExtensionAreIgnored() throws Exception {
        IpLists lists = IpLists.load(fixtureLists());
        assertEquals(Optional.empty(), lists.denied(ip("8.8.8.8")), "from README");
        assertEquals(Optional.empty(), lists.denied(ip("8.8.4.4")), "from old.netset.bak");
    }

    @Test
    void missingDirectoryOrSubdirectoryMeansEmptyLists() throws Exception {
        IpLists none = IpLists.load(tempDir.resolve("does-not-exist"));
        assertEquals(0, none.deniedNetworks());
        assertEquals(0, none.allowedNetworks());
        assertEquals(Optional.empty(), none.denied(ip("127.0.0.1")));

        Files.createDirectories(tempDir.resolve("deny"));
        Files.writeString(tempDir.resolve("deny/x.netset"), "192.0.2.0/24\n");
        IpLists denyOnly = IpLists.load(tempDir);
        assertEquals(1, denyOnly.deniedNetworks());
        assertEquals(Optional.empty(), denyOnly.allowed(ip("192.0.2.1")));
    }

    @Test
    void emptyListsMatchNothing() throws Exception {
        assertEquals(Optional.empty(), IpLists.empty().denied(ip("127.0.0.1")));
        assertEquals(Optional.empty(), IpLists.empty().allowed(ip("::1")));
        assertEquals(0, IpLists.empty().deniedNetworks());
    }

    @Test
    void badLinesDoNotStopTheLoadButAnUnknownCategoryDoes() throws Exception {
        Path deny = Files.createDirectories(tempDir.resolve("deny"));
        Files.writeString(deny.resolve("upstream.netset"), "192.0.2.0/24\nnot a network\n");
        assertEquals(1, IpLists.load(tempDir).deniedNetworks());

        Files.writeString(deny.resolve("typo.netset"), "# category: abusive\n198.51.100.0/24\n");
        IOException e = assertThrows(IOException.class, () -> IpLists.load(tempDir));
        assertTrue(e.getMessage().contains("typo.netset:1:"), e.getMessage());
    }

    @Test
    void shippedListsDenyUnroutableAddresses() throws Exception {
        IpLists shipped = IpLists.load(SHIPPED);
        assertEquals(13, shipped.deniedNetworks());
        assertEquals(0, shipped.allowedNetworks(), "the shipped allow directory holds only its README");
        assertEquals(Optional.of(new IpListMatch("unroutable", "127.0.0.0/8", "unroutable")), shipped.denied(ip("127.0.0.1")));
        assertEquals(Optional.of(new IpListMatch("unroutable", "2001:db8::/32", "unroutable")), shipped.denied(ip("2001:db8::1")));
        assertEquals(Optional.of(new IpListMatch("unroutable", "::1/128", "unroutable")), shipped.denied(ip("::1")));
        assertEquals(Optional.of(new IpListMatch("unroutable", "240.0.0.0/4", "unroutable")), shipped.denied(ip("255.255.255.255")));
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        assertEquals("127.0.0.0/8", shipped.denied(Inet6Address.getByAddress(null, mappedLoopback, -1)).orElseThrow().network());
    }

    /** Internal login front ends send these legitimately; denying them would lock out the office. */
    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "fd00::1", "2606:4700::1111"})
    void shippedListsLeavePublicAndInternalAddressesAlone(String address) throws Exception {
        assertEquals(Optional.empty(), IpLists.load(SHIPPED).denied(ip(address)));
    }

    private static Path fixtureLists() throws Exception {
        return Path.of(IpListsTest.class.getResource("/ip/lists").toURI());
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
