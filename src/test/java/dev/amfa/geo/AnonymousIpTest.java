package dev.amfa.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnonymousIpTest {

    @ParameterizedTest(name = "{5}")
    @CsvSource({
            // vpn,  tor,   public, residential, hosting, kind
            "true,  true,  true,   true,        true,    tor_exit_node",
            "true,  false, true,   true,        true,    anonymous_vpn",
            "false, false, true,   true,        true,    public_proxy",
            "false, false, false,  true,        true,    residential_proxy",
            "false, false, false,  false,       true,    hosting_provider",
    })
    void kindIsTheMostSpecificFlag(boolean vpn, boolean tor, boolean publicProxy, boolean residentialProxy,
                                   boolean hosting, String kind) {
        assertEquals(kind, new AnonymousIp(vpn, tor, publicProxy, residentialProxy, hosting).kind());
    }

    @Test
    void hostingAloneDoesNotHideTheLocation() {
        assertFalse(new AnonymousIp(false, false, false, false, true).hidesLocation());
    }

    @Test
    void everyRelayKindHidesTheLocation() {
        assertTrue(new AnonymousIp(true, false, false, false, false).hidesLocation());
        assertTrue(new AnonymousIp(false, true, false, false, false).hidesLocation());
        assertTrue(new AnonymousIp(false, false, true, false, false).hidesLocation());
        assertTrue(new AnonymousIp(false, false, false, true, false).hidesLocation());
        assertTrue(new AnonymousIp(true, false, false, false, true).hidesLocation());
    }

    @Test
    void aCleanAddressIsNotAnAnonymousIp() {
        assertThrows(IllegalArgumentException.class, () -> new AnonymousIp(false, false, false, false, false));
    }
}
