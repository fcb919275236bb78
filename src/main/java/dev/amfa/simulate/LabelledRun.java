package dev.amfa.simulate;

import dev.amfa.Service;
import dev.amfa.ServiceConfig;
import dev.amfa.evaluation.Evaluation;
import dev.amfa.evaluation.Outcome;
import dev.amfa.evaluation.OutcomeRecorder;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.metrics.MetricsVertx;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs a labelled population through a service started in this process: each login parsed and evaluated by
 * the same {@code EvaluationRequestParser} and {@code Evaluator} (and so {@code Decider}) as live traffic,
 * in time order, with its outcome recorded through the {@code OutcomeRecorder} so history is learnt. Every
 * org gets the same traffic: the baseline alone (an org without a folder) and each shipped policy, at 100 %
 * roll-out (the policies are copied and their roll-out raised, so what is measured is what they enforce).
 */
public final class LabelledRun {
    /** The org with no policy folder: what the baseline alone decides. */
    public static final String BASELINE_ORG = "sim-baseline";
    /** The run's abuse deny list, beside the shipped ones: what an operator who dropped FireHOL there has. */
    static final String ABUSE_LIST = "simulated-abuse.netset";
    /** The rule set name of rules/, whose firing the codes leave out (every login fires some). */
    static final String BASELINE_RULES = "baseline";
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    /** Starting compiles the baseline and every policy: seconds on a quiet machine, far more on a busy one. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private LabelledRun() {
    }

    /** How one scenario fared under one policy: logins by action, and the codes behind what matters. */
    public static final class Tally {
        public int logins, allowed, challenged, denied;
        /**
         * For legitimate logins the codes below high confidence of the challenged and denied ones, for attacks
         * every code of the allowed ones; with the org's own rules that fired ("rule:" and its name).
         */
        public final TreeMap<String, Integer> codes = new TreeMap<>();

        void add(String action, Evaluation evaluation, boolean legitimate) {
            logins++;
            switch (action) {
                case "allow" -> allowed++;
                case "deny" -> denied++;
                default -> challenged++;
            }
            if (legitimate == action.equals("allow")) return;
            for (Assessment a : evaluation.assessments()) {
                if (!legitimate || a.getConfidence() == Confidence.LOW || a.getConfidence() == Confidence.MEDIUM) {
                    codes.merge(a.getSignal() + ":" + a.getCode(), 1, Integer::sum);
                }
            }
            evaluation.result().fired().stream().filter(rule -> !rule.ruleSet().equals(BASELINE_RULES))
                    .forEach(rule -> codes.merge("rule:" + rule.rule(), 1, Integer::sum));
        }
    }

    /** Every org's tallies, scenario by scenario, in the order the orgs ran. */
    public record Result(Map<String, Map<Scenario, Tally>> orgs) {
    }

    /**
     * @param population the population for one org, given its name (the same seed for each, so the same traffic)
     */
    public static Result run(Path rulesDir, Path policiesDir, List<Path> geoipCity, LabelledPlaces places,
                             java.util.function.Function<String, List<Population.Login>> population) throws Exception {
        Path work = Files.createTempDirectory("amfa-simulate-");
        try {
            Path policies = fullRollout(policiesDir, work.resolve("policies"));
            Path lists = ipLists(rulesDir.resolve("ip-lists"), work.resolve("ip-lists"), places);
            ServiceConfig config = new ServiceConfig("127.0.0.1", 0, rulesDir, policies, lists, geoipCity, null, "memory",
                    null, 16 * 1024, 1, Duration.ofHours(1), Duration.ofDays(90), null, List.of(), false, false, null, null,
                    null, null, null);
            List<String> orgs = new ArrayList<>();
            orgs.add(BASELINE_ORG);
            try (Stream<Path> dirs = Files.list(policies)) {
                dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(orgs::add);
            }
            Vertx vertx = MetricsVertx.create(new VertxOptions().setEventLoopPoolSize(1));
            try {
                ReplayClock clock = new ReplayClock(java.time.Instant.EPOCH);
                Service service = Service.start(vertx, config, clock).toCompletionStage().toCompletableFuture()
                        .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                try {
                    Context context = vertx.getOrCreateContext();
                    Map<String, Map<Scenario, Tally>> result = new java.util.LinkedHashMap<>();
                    // Each org's population covers the same days, from the same addresses. Velocity is kept per
                    // address across orgs (as it is live), so each org replays in an era of its own, after the
                    // last: otherwise the next org would find the previous one's failures ahead of its clock.
                    java.time.Instant eraStart = null;
                    for (String org : orgs) {
                        List<Population.Login> logins = population.apply(org);
                        if (logins.isEmpty()) {
                            result.put(org, new EnumMap<>(Scenario.class));
                            continue;
                        }
                        Duration shift = eraStart == null ? Duration.ZERO : Duration.between(logins.get(0).at(), eraStart);
                        result.put(org, replay(service, clock, context, logins, shift));
                        eraStart = logins.get(logins.size() - 1).at().plus(shift).plus(Duration.ofDays(1));
                    }
                    return new Result(result);
                } finally {
                    service.close();
                }
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** @param shift moves every login (and the clock with it) into the org's era */
    private static Map<Scenario, Tally> replay(Service service, ReplayClock clock, Context context,
                                               List<Population.Login> logins, Duration shift) throws Exception {
        Map<Scenario, Tally> tallies = new EnumMap<>(Scenario.class);
        for (Population.Login login : logins) {
            java.time.Instant at = login.at().plus(shift);
            clock.set(at);
            JsonObject request = login.request().copy().put("timestamp", at.toString());
            Evaluation evaluation = onContext(context, () -> service.evaluator().evaluate(service.parser().parse(request)));
            String action = evaluation.enforced() ? evaluation.result().decision().action().json() : "allow";
            boolean legitimate = login.scenario().kind.legitimate();
            tallies.computeIfAbsent(login.scenario(), s -> new Tally()).add(action, evaluation, legitimate);
            Outcome outcome = outcome(login.scenario(), action);
            OutcomeRecorder.Result recorded = onContext(context, () -> service.outcomes().record(evaluation.id(), outcome));
            if (recorded != OutcomeRecorder.Result.RECORDED) {
                // A run whose outcomes were not learnt would measure a service without history: stop instead.
                throw new IllegalStateException("the outcome of " + login.scenario().label() + " login " + evaluation.id()
                        + " was not recorded: " + recorded);
            }
        }
        return tallies;
    }

    /**
     * What the login's owner does next. A real user passes the MFA asked for; an attacker with the password (a
     * takeover) gets in when allowed and fails MFA; a stuffing script has the wrong password nearly always.
     */
    static Outcome outcome(Scenario scenario, String action) {
        boolean challenged = action.equals("challenge");
        if (scenario.kind.legitimate()) {
            return action.equals("deny") ? new Outcome(false, "not_required") : new Outcome(true, challenged ? "passed" : "not_required");
        }
        boolean stuffing = scenario == Scenario.CREDENTIAL_STUFFING || scenario == Scenario.IPV6_ROTATION;
        if (stuffing || action.equals("deny")) return new Outcome(false, "not_required");
        return challenged ? new Outcome(false, "failed") : new Outcome(true, "not_required");
    }

    private static <T> T onContext(Context context, Supplier<Future<T>> step) throws Exception {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                step.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e); // a request the parser refuses: fail now, not after the timeout
            }
        });
        return promise.future().toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * A copy of the policies with every roll-out at 100 %, without their tests/ (a policy's cases assume its
     * own roll-out: consumer-app's say who is outside its 50 %, and would stop the load).
     */
    static Path fullRollout(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) return to;
        copyTree(from, to);
        try (Stream<Path> orgs = Files.list(to)) {
            for (Path tests : orgs.map(org -> org.resolve("tests")).filter(Files::isDirectory).toList()) deleteTree(tests);
        }
        try (Stream<Path> files = Files.walk(to)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("policy.json")).toList()) {
                JsonObject policy = new JsonObject(dev.amfa.policy.OrgSettings.withoutComments(Files.readString(file)));
                // Without their tests (above), a policy that requires every rule covered would be refused.
                Files.writeString(file, policy.put("rollout_percent", 100).put("require_rule_coverage", false)
                        .encodePrettily());
            }
        }
        return to;
    }

    /** The shipped lists plus {@link #ABUSE_LIST} with the places' abuse addresses. */
    static Path ipLists(Path from, Path to, LabelledPlaces places) throws IOException {
        Files.createDirectories(to.resolve("deny"));
        Files.createDirectories(to.resolve("allow"));
        if (Files.isDirectory(from)) copyTree(from, to);
        Files.writeString(to.resolve("deny").resolve(ABUSE_LIST),
                "# category: abuse\n# amfa simulate --labelled: the deny-listed attacker's addresses\n"
                        + String.join("\n", places.abuse()) + "\n");
        return to;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) Files.createDirectories(target);
                else Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }
}
