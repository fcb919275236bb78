package dev.amfa.signals;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.store.UserHistory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every signal answers: late, failing and throwing signals become assessment_not_available (low). */
class SignalRunnerTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private static Signal signal(String name, long budgetMs, Function<SignalInput, Future<Assessment>> answer) {
        return new Signal() {
            public String name() { return name; }
            public Duration budget(SignalSettings settings) { return Duration.ofMillis(budgetMs); }
            public Future<Assessment> assess(SignalInput input) { return answer.apply(input); }
        };
    }

    private static Assessment high(String name) {
        return new Assessment(name, Confidence.HIGH, "match", null);
    }

    private List<Assessment> run(Signal... signals) throws Exception {
        SignalInput input = SignalFixtures.input(SignalFixtures.chromeOnWindows("d"), null, UserHistory.NONE);
        return new SignalRunner(vertx, List.of(signals)).assessAll(input, List.of()).await(10, TimeUnit.SECONDS);
    }

    @Test
    void aSignalThatNeverAnswersRunsOutOfTimeAndTheOthersStillCount() throws Exception {
        List<Assessment> result = run(
                signal("Fast", 50, in -> Future.succeededFuture(high("Fast"))),
                signal("Stuck", 50, in -> Promise.<Assessment>promise().future()),
                signal("Slow", 5_000, in -> {
                    Promise<Assessment> later = Promise.promise();
                    vertx.setTimer(100, t -> later.complete(high("Slow")));
                    return later.future();
                }));
        assertEquals("match", result.get(0).getCode());
        assertEquals(Assessment.NOT_AVAILABLE, result.get(1).getCode());
        assertEquals(Confidence.LOW, result.get(1).getConfidence());
        assertEquals("Stuck", result.get(1).getSignal());
        assertTrue(result.get(1).getDetails().getString("reason").contains("50 ms"));
        assertEquals("match", result.get(2).getCode(), "a slow signal within its budget is waited for");
    }

    @Test
    void aSignalThatFailsOrThrowsIsNotAvailable() throws Exception {
        List<Assessment> result = run(
                signal("Failing", 50, in -> Future.failedFuture(new IllegalStateException("store down"))),
                signal("Throwing", 50, in -> { throw new IllegalArgumentException("bug"); }),
                signal("LateFailure", 1_000, in -> {
                    Promise<Assessment> later = Promise.promise();
                    vertx.setTimer(20, t -> later.fail("connection reset"));
                    return later.future();
                }));
        for (Assessment a : result) {
            assertEquals(Assessment.NOT_AVAILABLE, a.getCode(), a.getSignal());
            assertEquals(Confidence.LOW, a.getConfidence(), a.getSignal());
        }
        // What failed goes to the log only: an exception's text may be a database error or a remote body.
        for (Assessment a : result) {
            assertEquals(new io.vertx.core.json.JsonObject().put("reason", "signal failed"), a.getDetails(), a.getSignal());
        }
    }

    @Test
    void aHistoryStoreThatHangsMakesTheDeviceSignalNotAvailable() throws Exception {
        SignalInput input = new SignalInput("acme", "alice", SignalFixtures.input(SignalFixtures.chromeOnWindows("d"),
                null, UserHistory.NONE).ip(), SignalFixtures.NOW, SignalFixtures.chromeOnWindows("d"), null, null,
                java.util.Optional.empty(), Promise.<UserHistory>promise().future(), SignalFixtures.settings(),
                dev.amfa.ip.IpLists.empty());
        List<Assessment> result = new SignalRunner(vertx, List.of(new NewDeviceSignal())).assessAll(input, List.of())
                .await(10, TimeUnit.SECONDS);
        assertEquals(Assessment.NOT_AVAILABLE, result.get(0).getCode());
        assertEquals("NewDevice", result.get(0).getSignal());
    }
}
