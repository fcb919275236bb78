package dev.amfa.callers;

import dev.amfa.TestService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --api-keys: each key names the orgs it may act for; anything else stops the start with a clear message. */
class ApiKeyTest {

    private static String refused(String value) {
        return assertThrows(IllegalArgumentException.class, () -> ApiKey.parse(value)).getMessage();
    }

    @Test
    void aKeyNamesItsOrgsOrEveryOrgExplicitly() {
        List<ApiKey> keys = ApiKey.parse(" oidc@acme=k1 , ldap@acme+bank=k2==,reports@*=k3,");
        assertEquals(3, keys.size());
        assertEquals(new ApiKey("oidc", "k1", Set.of("acme")), keys.get(0));
        assertEquals(Set.of("acme", "bank"), keys.get(1).orgs());
        assertEquals("k2==", keys.get(1).secret(), "base64 padding stays part of the key");
        assertNull(keys.get(2).orgs());
        assertTrue(keys.get(2).caller().mayActFor("anything"));
        assertFalse(keys.get(0).caller().mayActFor("bank"));
        assertEquals(List.of(), ApiKey.parse(""));
    }

    @Test
    void theOldFormWithoutOrgsIsRefusedAtStartWithoutEchoingTheKey() {
        String message = refused("oidc=secret-value");
        assertTrue(message.contains("'oidc' names no org"), message);
        assertTrue(message.contains("oidc@<org>"), message);
        assertFalse(message.contains("secret-value"), message);
    }

    @Test
    void badEntriesAreRefusedNamingWhatIsWrong() {
        assertTrue(refused("oidc@Acme=k").contains("'Acme', which is not an org name"));
        assertTrue(refused("oidc@acme+=k").contains("'', which is not an org name"));
        assertTrue(refused("oidc@=k").contains("not an org name"));
        assertTrue(refused("oidc@acme").contains("expected name@org"));
        assertTrue(refused("oidc@acme=  ").contains("expected name@org"));
        assertTrue(refused("@acme=k").contains("the name ''"));
        assertTrue(refused("a b@acme=k").contains("the name 'a b'"));
        assertTrue(refused("oidc@acme=k1,oidc@bank=k2").contains("'oidc' is given twice"));
        assertTrue(refused("loopback@acme=k").contains("'loopback' is reserved"), "it would own what loopback callers created");
        assertTrue(refused("demo@acme=k").contains("'demo' is reserved"));
        String shared = refused("oidc@acme=same,ldap@bank=same");
        assertTrue(shared.contains("same key as another"), shared);
        assertFalse(shared.contains("=same"), shared);
    }

    @Test
    void aKeyEqualToTheAdminTokenIsRefused() {
        String message = assertThrows(IllegalArgumentException.class, () -> TestService.config()
                .withAuth("one-secret", List.of(ApiKey.of("oidc", "one-secret", "acme")))).getMessage();
        assertTrue(message.contains("'oidc' has the admin token as its key"), message);
    }

    @Test
    void whatACallerMayUse() {
        Caller oidc = Caller.service("oidc", Set.of("acme"));
        assertTrue(oidc.mayUse("acme", "oidc"));
        assertFalse(oidc.mayUse("acme", "portal"), "another service's");
        assertFalse(oidc.mayUse("bank", "oidc"), "its name, but an org it may no longer act for");
        assertFalse(oidc.mayUse("acme", null), "created before creators were remembered");
        assertTrue(Caller.ADMIN.mayUse("bank", null));
        assertTrue(Caller.LOOPBACK.mayUse("any-org", Caller.LOOPBACK_NAME));
        assertFalse(Caller.LOOPBACK.mayUse("any-org", "oidc"));
    }
}
