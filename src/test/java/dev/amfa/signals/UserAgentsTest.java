package dev.amfa.signals;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserAgentsTest {
    private final UserAgents agents = new UserAgents();

    @Test
    void browserAndOsFamiliesIgnoreVersions() {
        var chrome120 = agents.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36");
        var chrome121 = agents.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/121.0.6167.85 Safari/537.36");
        assertEquals(new UserAgents.Families("Chrome", "Windows"), chrome120);
        assertTrue(chrome120.sameAs(chrome121.browser(), chrome121.os()));
        var safari = agents.parse("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1");
        assertEquals("iOS", safari.os());
        assertFalse(chrome120.sameAs(safari.browser(), safari.os()));
    }

    @Test
    void aMissingUserAgentIsUnknownAndMatchesNothing() {
        assertSame(UserAgents.Families.UNKNOWN, agents.parse(null));
        assertFalse(UserAgents.Families.UNKNOWN.sameAs(UserAgents.UNKNOWN_FAMILY, UserAgents.UNKNOWN_FAMILY));
    }
}
