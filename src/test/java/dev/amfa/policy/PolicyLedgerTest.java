package dev.amfa.policy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PolicyLedgerTest {

    private static OrgPolicy version(int n) {
        return new OrgPolicy("acme", new PolicySources("acme", Map.of("r.drl", "// version " + n)), null, null,
                List.of(), "api");
    }

    @Test
    void keepsTheLastTenVersionsForRollbackNewestFirst() {
        PolicyLedger ledger = new PolicyLedger(Clock.systemUTC());
        ledger.loaded(PolicyLedger.BASELINE, "b1");
        assertNull(ledger.previous("acme"));
        ledger.activated(null, version(0));
        for (int n = 1; n <= 15; n++) ledger.activated(version(n - 1), version(n));
        assertEquals(version(14).version(), ledger.previous("acme").version());
        for (int n = 14; n >= 5; n--) {
            OrgPolicy back = ledger.previous("acme");
            assertEquals(version(n).version(), back.version());
            ledger.rolledBack(back);
        }
        assertNull(ledger.previous("acme"), "versions older than the last ten are gone");
        JsonObject status = ledger.toJson();
        assertEquals(version(5).version(), status.getJsonObject("orgs").getJsonObject("acme").getString("version"));
        assertEquals(10L, status.getLong("changes"), "each rollback is a change");
    }

    @Test
    void aRejectionIsCountedAndShownWithoutChangingTheVersion() {
        PolicyLedger ledger = new PolicyLedger(Clock.systemUTC());
        ledger.loaded(PolicyLedger.BASELINE, "b1");
        ledger.activated(null, version(1));
        ledger.rejected("acme", new JsonObject().put("message", "does not compile"));
        JsonObject status = ledger.toJson();
        assertEquals(1L, status.getLong("rejected"));
        assertEquals(version(1).version(), status.getJsonObject("orgs").getJsonObject("acme").getString("version"));
        ledger.removed("acme");
        assertEquals(new JsonObject(), ledger.toJson().getJsonObject("orgs"));
    }
}
