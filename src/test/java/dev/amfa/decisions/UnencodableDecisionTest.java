package dev.amfa.decisions;

import dev.amfa.DeepJson;
import dev.amfa.TestService;
import dev.amfa.engine.EngineResult;
import dev.amfa.evaluation.DecisionInput;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.evaluation.EvaluationRequestParser;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Decision;
import dev.amfa.facts.Device;
import dev.amfa.policy.PolicyMode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decision whose details do not encode (kept from before the input limits, or made by a signal): its page is
 * never a 500, and a listener that cannot encode it (the JSON-lines copy) never fails the evaluation.
 */
class UnencodableDecisionTest {
    private static DecisionRecord deepRecord(String id) {
        var request = new EvaluationRequestParser(Clock.systemUTC()).parse(new JsonObject().put("org", "acme")
                .put("ip", "192.0.2.1").put("user", new JsonObject().put("id", "deep-user")));
        Assessment bot = new Assessment("Bot", Confidence.LOW, "bot", DeepJson.nested(20_000));
        Decision decision = new Decision(List.of("otp"));
        decision.challenge("otp");
        Evaluation evaluation = new Evaluation(new DecisionInput(id, request, new Device(null, null, null, null, null),
                null, List.of(bot), 0), new EngineResult(decision, List.of(), "v1"), PolicyMode.ADAPTIVE, null);
        return DecisionRecord.of(evaluation);
    }

    @Test
    void theDecisionPageOfARecordThatDoesNotEncodeIsNeverA500() {
        try (TestService service = TestService.start()) {
            service.service().decisions().add(deepRecord("deep-1"));
            var answer = service.admin(HttpMethod.GET, "/v1/decisions/deep-1", null);
            assertNotEquals(500, answer.statusCode(), answer.bodyAsString());
            if (TestService.STORE.equals("postgres")) {
                // The writer set the row aside: it is not there, and the log goes on.
                assertEquals(404, answer.statusCode(), answer.bodyAsString());
            } else {
                assertEquals(200, answer.statusCode(), answer.bodyAsString());
                assertEquals("deep-user", answer.bodyAsJsonObject().getString("user"));
                assertTrue(answer.bodyAsJsonObject().containsKey("incomplete"), answer.bodyAsString());
            }
        }
    }

    @Test
    void aListenerThatCannotEncodeARecordNeverFailsTheEvaluation() {
        AtomicInteger told = new AtomicInteger();
        DecisionListener encodes = new DecisionListener() {
            @Override
            public void decided(DecisionRecord record) {
                told.incrementAndGet();
                DecisionJson.full(record, List.of()).encode();
            }

            @Override
            public void happened(DecisionEvent event) {
            }
        };
        ObservedDecisionLog log = new ObservedDecisionLog(new InMemoryDecisionLog(10, 10), IpMasking.keep(), List.of(encodes));
        assertDoesNotThrow(() -> log.add(deepRecord("deep-2")));
        assertEquals(1, told.get());
        assertEquals(1, log.recent("acme", 10).size(), "the decision is logged all the same");
    }
}
