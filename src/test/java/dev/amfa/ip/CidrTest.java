package dev.amfa.ip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    @Test
    void parsesIpv4Network() {
        Cidr cidr = Cidr.parse("10.0.0.0/8");
        assertArrayEquals(new byte[] {10, 0, 0, 0}, cidr.address());
        assertEquals(8, cidr.prefixLength());
        assertTrue(cidr.isIpv4());
        assertEquals("10.0.0.0/8", cidr.toString());
    }

    @Test
    void bareAddressIsASingleHost() {
        assertEquals("192.0.2.1/32", Cidr.parse("192.0.2.1").toString());
        assertEquals("2001:db8::1/128", Cidr.parse("2001:db8::1").toString());
    }

    @ParameterizedTest
    @CsvSource({
            "2001:DB8:0000:0000::/32,     2001:db8::/32",
            "2001:db8:0:0:1:0:0:1,        2001:db8::1:0:0:1/128",
            "2001:db8:0:1:1:1:1:1,        2001:db8:0:1:1:1:1:1/128",
            "2001:0:0:1:0:0:0:1,          2001:0:0:1::1/128",
            "::,                          ::/128",
            "::1,                         ::1/128",
            "1::,                         1::/128",
            "0:0:0:0:0:0:0:0/0,           ::/0",
            "fe80::/10,                   fe80::/10",
            "2001:db8::0.0.0.1,           2001:db8::1/128",
            "1:2:3:4:5:6:7::,             1:2:3:4:5:6:7:0/128",
    })
    void parsesIpv6IntoCanonicalText(String input, String canonical) {
        Cidr cidr = Cidr.parse(input);
        assertFalse(cidr.isIpv4());
        assertEquals(canonical, cidr.toString());
    }

    @ParameterizedTest
    @CsvSource({
            "::ffff:1.2.3.4,            1.2.3.4/32",
            "::FFFF:10.0.0.0/104,       10.0.0.0/8",
            "::ffff:c000:200/120,       192.0.2.0/24",
            "::ffff:0:0/96,             0.0.0.0/0",
    })
    void ipv4MappedNetworksBecomeIpv4(String input, String canonical) {
        Cidr cidr = Cidr.parse(input);
        assertTrue(cidr.isIpv4());
        assertEquals(canonical, cidr.toString());
        assertEquals(Cidr.parse(canonical), cidr);
    }

    @Test
    void hostBitsAreRejectedNamingTheNetwork() {
        IllegalArgumentException v4 = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.1.2.3/8"));
        assertTrue(v4.getMessage().contains("10.0.0.0/8"), v4.getMessage());
        IllegalArgumentException v6 = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("2001:db8::1/32"));
        assertTrue(v6.getMessage().contains("2001:db8::/32"), v6.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("198.19.0.0/15"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "10.0.0.0/33", "::/129", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3", "10.0.0.0/", "/8",
            "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/8/8", "010.0.0.1", "0x7f.0.0.1", "1.2.3.4 ", " 1.2.3.4",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", "1:2:3:4:5:6:7:8::", "12345::", "::g", ":1", "1:",
            "fe80::1%eth0", "[::1]", "1.2.3.4::", "::1.2.3", "localhost", "example.com", "\u0661.2.3.4",
    })
    void badInputIsRejectedWithAMessageNamingIt(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(input));
        assertTrue(e.getMessage().contains("'" + input + "'"), e.getMessage());
    }

    @Test
    void nullIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(null));
        assertThrows(NullPointerException.class, () -> new Cidr(null, 0));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(new byte[5], 0));
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8,       10.0.0.0,                                 true",
            "10.0.0.0/8,       10.255.255.255,                           true",
            "10.0.0.0/8,       9.255.255.255,                            false",
            "10.0.0.0/8,       11.0.0.0,                                 false",
            "198.18.0.0/15,    198.18.0.0,                               true",
            "198.18.0.0/15,    198.19.255.255,                           true",
            "198.18.0.0/15,    198.17.255.255,                           false",
            "198.18.0.0/15,    198.20.0.0,                               false",
            "192.0.2.1,        192.0.2.1,                                true",
            "192.0.2.1,        192.0.2.2,                                false",
            "0.0.0.0/0,        255.255.255.255,                          true",
            "2001:db8::/32,    2001:db8::,                               true",
            "2001:db8::/32,    2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,   true",
            "2001:db8::/32,    2001:db7:ffff:ffff:ffff:ffff:ffff:ffff,   false",
            "2001:db8::/32,    2001:db9::,                               false",
            "0.0.0.0/0,        ::1,                                      false",
            "::/0,             1.2.3.4,                                  false",
            "10.0.0.0/8,       ::ffff:10.1.2.3,                          true",
    })
    void containsIncludesBothEndsAndNothingBeyond(String network, String address, boolean expected) throws Exception {
        assertEquals(expected, Cidr.parse(network).contains(InetAddress.getByName(address)));
    }

    @Test
    void containsTreatsAnIpv6SocketsMappedAddressAsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        InetAddress fromDualStackSocket = Inet6Address.getByAddress(null, mapped, -1);
        assertInstanceOf(Inet6Address.class, fromDualStackSocket);
        assertTrue(Cidr.parse("127.0.0.0/8").contains(fromDualStackSocket));
    }

    @Test
    void equalityComparesContentsAndIsImmutable() {
        byte[] bytes = {10, 0, 0, 0};
        Cidr cidr = new Cidr(bytes, 8);
        bytes[0] = 11;
        cidr.address()[0] = 12;
        assertEquals(Cidr.parse("10.0.0.0/8"), cidr);
        assertEquals(Cidr.parse("10.0.0.0/8").hashCode(), cidr.hashCode());
        assertNotEquals(Cidr.parse("10.0.0.0/9"), cidr);
        assertNotEquals(Cidr.parse("a00::/8"), Cidr.parse("10.0.0.0/8"));
    }
}
