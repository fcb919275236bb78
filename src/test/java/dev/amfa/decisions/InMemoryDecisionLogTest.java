package dev.amfa.decisions;

import dev.amfa.engine.EngineResult;
import dev.amfa.evaluation.DecisionInput;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.facts.Decision;
import dev.amfa.facts.Device;
import dev.amfa.policy.PolicyMode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InMemoryDecisionLogTest {

    private static Evaluation evaluation(String org, String id) {
        var request = new EvaluationRequestParser(Clock.systemUTC()).parse(new JsonObject().put("org", org)
                .put("ip", "192.0.2.1").put("user", new JsonObject().put("id", "u")));
        Decision decision = new Decision(List.of("otp"));
        decision.challenge("otp");
        return new Evaluation(new DecisionInput(id, request, new Device(null, null, null, null, null), null, List.of(), 0),
                new EngineResult(decision, List.of(), "v1"), PolicyMode.ADAPTIVE, null);
    }

    @Test
    void keepsTheNewestDecisionsPerOrgNewestFirst() {
        InMemoryDecisionLog log = new InMemoryDecisionLog(3, 10);
        for (int i = 0; i < 5; i++) log.append(evaluation("acme", "e" + i));
        log.append(evaluation("other", "x"));
        List<DecisionRecord> recent = log.recent("acme", 10);
        assertEquals(List.of("e4", "e3", "e2"), recent.stream().map(r -> r.input().evaluationId()).toList());
        assertEquals("challenge", recent.get(0).action());
        assertEquals(List.of("otp"), recent.get(0).factors());
        assertEquals(1, log.recent("acme", 1).size());
        assertEquals(List.of(), log.recent("nobody", 10));
    }

    @Test
    void theNumberOfOrgsRememberedIsBounded() {
        InMemoryDecisionLog log = new InMemoryDecisionLog(2, 5);
        for (int i = 0; i < 200; i++) log.append(evaluation("org-" + i, "e" + i));
        long remembered = java.util.stream.IntStream.range(0, 200)
                .filter(i -> !log.recent("org-" + i, 1).isEmpty()).count();
        org.junit.jupiter.api.Assertions.assertTrue(remembered <= 5, remembered + " orgs remembered");
    }

    @Test
    void eventsAreJoinedToTheirEvaluationInOrder() {
        InMemoryDecisionLog log = new InMemoryDecisionLog(10, 10);
        log.append(evaluation("acme", "e1"));
        java.time.Instant at = java.time.Instant.parse("2026-11-23T10:00:00Z");
        log.appendEvent(new DecisionEvent("e1", "acme", "u", DecisionEvent.CHALLENGE_STARTED, at, null));
        log.appendEvent(new DecisionEvent("e2", "acme", "u", DecisionEvent.OUTCOME, at, null));
        log.appendEvent(new DecisionEvent("e1", "acme", "u", DecisionEvent.CHALLENGE_PASSED, at.plusSeconds(30),
                new JsonObject().put("factor", "email")));
        assertEquals(List.of(DecisionEvent.CHALLENGE_STARTED, DecisionEvent.CHALLENGE_PASSED),
                log.events("e1").stream().map(DecisionEvent::type).toList());
        assertEquals("email", log.events("e1").get(1).details().getString("factor"));
        assertEquals(List.of(), log.events("unknown"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DecisionEvent("e1", "acme", "u", "nonsense", at, null));
    }

    @Test
    void findAnswersKeptDecisionsByIdNotEvictedOnesAndSeesAnonymisation() {
        InMemoryDecisionLog log = new InMemoryDecisionLog(2, 10);
        for (int i = 0; i < 3; i++) log.append(evaluation("acme", "f" + i));
        org.junit.jupiter.api.Assertions.assertNull(log.find("f0").result(), "evicted with its org's oldest decisions");
        assertEquals("u", log.find("f2").result().record().userId());
        assertEquals(2L, log.anonymise("acme", "u").result());
        org.junit.jupiter.api.Assertions.assertNotEquals("u", log.find("f2").result().record().userId());
        org.junit.jupiter.api.Assertions.assertNull(log.find("nope").result());
    }

    /** A login whose user.attributes hold {@code size} characters: the same count, many times the bytes. */
    private static Evaluation large(String org, String id, int size) {
        var request = new EvaluationRequestParser(Clock.systemUTC()).parse(new JsonObject().put("org", org)
                .put("ip", "192.0.2.1").put("user", new JsonObject().put("id", "u").put("attributes",
                        new JsonObject().put("a", "x".repeat(Math.min(size, 1000))).put("b", "y".repeat(Math.min(size, 1000))))));
        Decision decision = new Decision(List.of("otp"));
        return new Evaluation(new DecisionInput(id, request, new Device(null, null, null, null, null), null, List.of(), 0),
                new EngineResult(decision, List.of(), "v1"), PolicyMode.ADAPTIVE, null);
    }

    @Test
    void theBytesKeptAreBoundedNotOnlyTheCount() {
        long bound = 200_000;
        InMemoryDecisionLog log = new InMemoryDecisionLog(10_000, 10, bound, IpMasking.keep());
        for (int i = 0; i < 500; i++) log.append(large("acme", "e" + i, 1000));
        org.junit.jupiter.api.Assertions.assertTrue(log.bytes() <= bound, log.bytes() + " bytes kept");
        int kept = log.recent("acme", 10_000).size();
        org.junit.jupiter.api.Assertions.assertTrue(kept > 10 && kept < 500, kept + " decisions kept");
        assertEquals("e499", log.recent("acme", 1).get(0).id(), "the newest stay, the oldest go");
        assertEquals(null, log.find("e0").result(), "a dropped decision is not found by id either");
    }

    @Test
    void pastTheByteBoundTheOrgHoldingTheMostGivesWayFirst() {
        InMemoryDecisionLog log = new InMemoryDecisionLog(10_000, 10, 300_000, IpMasking.keep());
        for (int i = 0; i < 20; i++) log.append(evaluation("small", "s" + i));
        for (int i = 0; i < 1_000; i++) log.append(large("flood", "f" + i, 1000));
        assertEquals(20, log.recent("small", 100).size(), "another org's large logins push out none of this org's");
        org.junit.jupiter.api.Assertions.assertTrue(log.bytes() <= 300_000, log.bytes() + " bytes kept");
    }
}
