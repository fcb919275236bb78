package dev.amfa.bench;

import dev.amfa.engine.EngineResult;
import dev.amfa.engine.PolicyEngine;
import dev.amfa.engine.RuleCompiler;
import dev.amfa.engine.RuleSet;
import dev.amfa.engine.RuleSource;
import dev.amfa.facts.Action;
import dev.amfa.facts.Decision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * {@link PolicyEngine#evaluate} on one thread: the shipped baseline, then the org's own rules. Not a test
 * (the name does not match Surefire's includes); run it with bench/engine.sh, which documents the settings.
 *
 * <ul>
 *   <li>{@code baseline}: rules/ only, the evaluated org has no policy.</li>
 *   <li>{@code org1000rules}: the org has a policy of 1,000 generated rules.</li>
 *   <li>{@code org10rules}: the org has a policy of 10 generated rules, and no other org is loaded.</li>
 *   <li>{@code orgs1000x10}: 1,000 orgs of 10 rules each are loaded and one of them (the same 10 rules as
 *       {@code org10rules}) is evaluated: equal scores mean the cost does not grow with the number of orgs.</li>
 * </ul>
 */
@State(Scope.Thread)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {
    /** The evaluated org: org k of {@link #thousandOrgs} holds rules 10k..10k+9, which the logins' keys match. */
    private static final String ORG = "org-0521";

    @Param({"baseline", "org1000rules", "org1000hashed", "org10rules", "orgs1000x10"})
    public String scenario;

    private RuleSet baseline;
    /** Every org's own rules, looked up per evaluation as the service's policy snapshot does. */
    private Map<String, RuleSet> orgs;
    private LoginFacts[] logins;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        baseline = RuleCompiler.compile("baseline", RuleSource.readDirectory(Path.of("rules")));
        long started = System.nanoTime();
        orgs = switch (scenario) {
            case "baseline" -> Map.of();
            case "org1000rules" -> Map.of(ORG, RuleCompiler.compile(ORG,
                    GeneratedPolicy.single("policies.acme", 1000)));
            case "org1000hashed" -> Map.of(ORG, RuleCompiler.compile(ORG,
                    GeneratedPolicy.hashed("policies.acme", 1000)));
            case "org10rules" -> Map.of(ORG, tenRules(521));
            case "orgs1000x10" -> thousandOrgs();
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
        System.out.printf("%n[setup] %s: compiled %d org rule sets in %.1f s%n", scenario, orgs.size(),
                (System.nanoTime() - started) / 1e9);
        logins = LoginFacts.all().toArray(LoginFacts[]::new);
        check();
    }

    private static Map<String, RuleSet> thousandOrgs() {
        Map<String, RuleSet> orgs = new ConcurrentHashMap<>();
        // Both cores compile: each org has its own KnowledgeBuilder, so this is what a node's start-up does too.
        IntStream.range(0, 1000).parallel().forEach(k -> orgs.put(String.format("org-%04d", k), tenRules(k)));
        return orgs;
    }

    /** Org k's policy: rules 10k..10k+9 (mod 1,000) of {@link GeneratedPolicy}. */
    private static RuleSet tenRules(int k) {
        String name = String.format("org-%04d", k);
        try {
            return RuleCompiler.compile(name, List.of(GeneratedPolicy.of("policies.org" + k, (k * 10) % 1000, 10)));
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }

    /** Refuses to measure an engine that decides wrongly: the three outcomes must come out as intended. */
    private void check() {
        int orgRulesFired = 0;
        for (LoginFacts login : logins) {
            EngineResult result = evaluate(login);
            Action action = result.decision().action();
            long own = result.fired().stream().filter(f -> !f.ruleSet().equals("baseline")).count();
            orgRulesFired += own;
            System.out.printf("[setup] %-30s -> %-9s (%d baseline + %d org rules fired)%n", login.name(),
                    action.json(), result.fired().size() - own, own);
            // Org rules may only tighten an allow; the baseline's own answer must hold otherwise.
            boolean tightened = !scenario.equals("baseline") && login.baselineAction() == Action.ALLOW
                    && action == Action.CHALLENGE;
            if (action != login.baselineAction() && !tightened) {
                throw new IllegalStateException(login.name() + ": expected " + login.baselineAction() + ", got " + action);
            }
        }
        if (!scenario.equals("baseline") && orgRulesFired == 0) {
            throw new IllegalStateException("no org rule fired: the scenario would measure an idle policy");
        }
    }

    private EngineResult evaluateNext() {
        // Cycle through the prepared logins so the JIT never sees one constant path.
        LoginFacts login = logins[next];
        next = (next + 1) % logins.length;
        return evaluate(login);
    }

    /** What the service does per evaluation once the signals have answered: find the org's rules, run both. */
    private EngineResult evaluate(LoginFacts login) {
        return PolicyEngine.evaluate(baseline, orgs.get(ORG), "bench", new Decision(login.enrolled()), login.facts());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.SECONDS)
    public EngineResult throughput() {
        return evaluateNext();
    }

    /** Same work, timed per call: JMH reports p50/p90/p99/p99.9 of single evaluations. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
    public EngineResult latency() {
        return evaluateNext();
    }
}
