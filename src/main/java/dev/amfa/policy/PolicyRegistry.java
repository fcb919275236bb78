package dev.amfa.policy;

import dev.amfa.engine.OrgName;
import dev.amfa.engine.RuleCompilationException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The policies in force and how they change. Readers take {@link #current()} without locking; every change
 * (a reload from disk, an upload, a rollback) is serialised, builds and tests its candidate completely, and
 * then swaps the whole {@link PolicySet} at once, so an evaluation never sees half a change and a change that
 * fails leaves the running version in force. Blocking: call the changing methods off the event loop.
 */
public final class PolicyRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRegistry.class);
    static final String BASELINE = PolicyLedger.BASELINE;

    private final Path rulesDir;
    private final Path policiesDir;
    private final PolicyPublisher publisher;
    private final ExternalRiskTargets targets;
    private volatile PolicySet current;
    private final Map<String, String> seenOnDisk = new HashMap<>();
    private final PolicyLedger ledger;
    /** Per org, the cluster's sequence number of the version this node runs (API changes only). */
    private final Map<String, Long> clusterSeq = new HashMap<>();

    private PolicyRegistry(Path rulesDir, Path policiesDir, Clock clock, PolicyPublisher publisher,
                           ExternalRiskTargets targets) {
        this.targets = targets;
        this.rulesDir = rulesDir;
        this.policiesDir = policiesDir;
        this.publisher = publisher;
        this.ledger = new PolicyLedger(clock);
    }

    /** A single node's registry: API changes are kept in memory only. */
    public static PolicyRegistry load(Path rulesDir, Path policiesDir, Clock clock)
            throws IOException, RuleCompilationException, PolicyRejectedException {
        return load(rulesDir, policiesDir, clock, PolicyPublisher.NONE);
    }

    /**
     * Loads rules/ and policies/ at start-up: anything that does not compile or pass its tests is an error.
     *
     * @param publisher keeps API changes (uploads, rollbacks) before they are activated
     */
    public static PolicyRegistry load(Path rulesDir, Path policiesDir, Clock clock, PolicyPublisher publisher)
            throws IOException, RuleCompilationException, PolicyRejectedException {
        return load(rulesDir, policiesDir, clock, publisher, ExternalRiskTargets.NONE_INTERNAL);
    }

    /** @param targets where an org's external_risk.url may point */
    public static PolicyRegistry load(Path rulesDir, Path policiesDir, Clock clock, PolicyPublisher publisher,
                                      ExternalRiskTargets targets)
            throws IOException, RuleCompilationException, PolicyRejectedException {
        PolicyRegistry registry = new PolicyRegistry(rulesDir, policiesDir, clock, publisher, targets);
        Baseline baseline = Baseline.load(rulesDir);
        Map<String, OrgPolicy> orgs = new TreeMap<>();
        for (Map.Entry<String, PolicySources> disk : registry.readPoliciesDir().entrySet()) {
            orgs.put(disk.getKey(), PolicyBuilder.build(disk.getValue(), baseline, "disk", registry.targets));
            registry.seenOnDisk.put(disk.getKey(), disk.getValue().version());
        }
        registry.current = PolicySet.of(baseline, orgs);
        registry.ledger.loaded(BASELINE, baseline.version());
        orgs.forEach((org, p) -> registry.ledger.loaded(org, p.version()));
        LOG.info("policies loaded: baseline {} ({} rules) and {} orgs", baseline.version(),
                baseline.rules().ruleCount(), orgs.size());
        return registry;
    }

    public PolicySet current() {
        return current;
    }

    /**
     * Recompiles what changed on disk since it was last read: the baseline when rules/ changed (every org's tests
     * then run against it before it is activated), and each org whose folder changed. Orgs whose folders are
     * gone return to the baseline, unless their policy was uploaded.
     */
    public synchronized ReloadReport reloadFromDisk() {
        ReloadReport report = new ReloadReport();
        PolicySet before = current;
        Baseline baseline = reloadBaseline(before, report);
        Map<String, OrgPolicy> orgs = new TreeMap<>(before.ownPolicies());
        Map<String, PolicySources> onDisk;
        try {
            onDisk = readPoliciesDir();
        } catch (IOException e) {
            fail(BASELINE, report, new JsonObject().put("errors", new JsonArray().add(
                    new JsonObject().put("file", policiesDir.toString()).put("message", e.getMessage()))));
            return report;
        }
        for (Map.Entry<String, PolicySources> disk : onDisk.entrySet()) {
            String org = disk.getKey();
            String version = disk.getValue().version();
            // Unchanged orgs were verified against a new baseline before it was accepted.
            if (version.equals(seenOnDisk.get(org))) continue;
            seenOnDisk.put(org, version);
            try {
                orgs.put(org, PolicyBuilder.build(disk.getValue(), baseline, "disk", targets));
                report.activated(org, version);
            } catch (PolicyRejectedException e) {
                fail(org, report, e.toJson());
            }
        }
        for (String org : List.copyOf(orgs.keySet())) {
            if (!onDisk.containsKey(org) && seenOnDisk.containsKey(org) && "disk".equals(orgs.get(org).origin())) {
                orgs.remove(org);
                seenOnDisk.remove(org);
                report.removed(org);
            }
        }
        activate(before, PolicySet.of(baseline, orgs), report);
        return report;
    }

    private Baseline reloadBaseline(PolicySet before, ReloadReport report) {
        try {
            Baseline candidate = Baseline.load(rulesDir, before.baseline());
            if (candidate == before.baseline()) return candidate;
            for (OrgPolicy org : before.ownPolicies().values()) PolicyBuilder.verify(org, candidate);
            report.activated(BASELINE, candidate.version());
            return candidate;
        } catch (RuleCompilationException e) {
            JsonArray errors = new JsonArray();
            e.errors().forEach(error -> errors.add(error.toJson()));
            fail(BASELINE, report, new JsonObject().put("errors", errors));
        } catch (PolicyRejectedException e) {
            fail(BASELINE, report, e.toJson().put("message", "the new baseline breaks the tests of org " + e.org()));
        } catch (IOException | RuntimeException e) {
            fail(BASELINE, report, new JsonObject().put("errors", new JsonArray().add(
                    new JsonObject().put("file", rulesDir.toString()).put("message", e.getMessage()))));
        }
        return before.baseline();
    }

    /**
     * Builds and tests an uploaded policy; activates it unless {@code activate} is false (a dry run). Building and
     * testing run the org's own rules and take seconds: they run outside the lock, so one org's upload (or a dry
     * run, which never takes it) cannot hold up another's. Only the swap is serialised; if the baseline changed
     * meanwhile, the candidate is tested again against the new one.
     *
     * @throws PolicyRejectedException and nothing changes
     */
    public OrgPolicy upload(PolicySources sources, boolean activate) throws PolicyRejectedException {
        while (true) {
            Baseline baseline = current.baseline();
            OrgPolicy candidate;
            try {
                candidate = PolicyBuilder.build(sources, baseline, "api", targets);
            } catch (PolicyRejectedException e) {
                if (activate) rejected(sources.org(), e);
                throw e;
            }
            if (!activate) return candidate;
            synchronized (this) {
                PolicySet before = current;
                if (before.baseline() != baseline) continue;
                long seq = publisher.publish(sources, PolicyPublisher.UPLOAD);
                activateOne(before, candidate);
                clusterSeq.put(candidate.org(), seq);
                return candidate;
            }
        }
    }

    private synchronized void rejected(String org, PolicyRejectedException e) {
        fail(org, new ReloadReport(), e.toJson());
    }

    /**
     * Returns the org to the version before its current one.
     *
     * @throws IllegalStateException when there is no earlier version
     */
    public synchronized OrgPolicy rollback(String org) throws PolicyRejectedException {
        OrgPolicy previous = ledger.previous(org);
        if (previous == null) throw new IllegalStateException("org " + org + " has no earlier version");
        PolicySet before = current;
        PolicyBuilder.verify(previous, before.baseline());
        clusterSeq.put(org, publisher.publish(previous.sources(), PolicyPublisher.ROLLBACK));
        Map<String, OrgPolicy> orgs = new TreeMap<>(before.ownPolicies());
        orgs.put(org, previous);
        current = PolicySet.of(before.baseline(), orgs);
        ledger.rolledBack(previous);
        LOG.info("policy {} rolled back to {}", org, previous.version());
        return previous;
    }

    /**
     * Activates a version another node accepted (or this node before a restart), without publishing it again.
     * A version no newer in the cluster's order than the one this node runs for the org is left alone: this
     * node's own changes come back through the same channel, possibly after a later change of its own. One that
     * this node rejects (its baseline differs, say) leaves the running version in force and is reported in
     * {@link #status()}.
     *
     * @param seq the version's place in the cluster's order of changes
     * @return whether the version was activated
     */
    public synchronized boolean adopt(PolicySources sources, long seq) {
        if (seq <= clusterSeq.getOrDefault(sources.org(), 0L)) return false;
        PolicySet before = current;
        EffectivePolicy running = before.orgs().get(sources.org());
        if (running != null && running.own() != null && sources.version().equals(running.own().version())) {
            clusterSeq.put(sources.org(), seq);
            return false;
        }
        OrgPolicy candidate;
        try {
            candidate = PolicyBuilder.build(sources, before.baseline(), "api", targets);
        } catch (PolicyRejectedException e) {
            fail(sources.org(), new ReloadReport(), e.toJson());
            return false;
        }
        activateOne(before, candidate);
        clusterSeq.put(sources.org(), seq);
        return true;
    }

    private void activateOne(PolicySet before, OrgPolicy candidate) {
        Map<String, OrgPolicy> orgs = new TreeMap<>(before.ownPolicies());
        orgs.put(candidate.org(), candidate);
        ReloadReport report = new ReloadReport();
        report.activated(candidate.org(), candidate.version());
        activate(before, PolicySet.of(before.baseline(), orgs), report);
    }

    private void activate(PolicySet before, PolicySet after, ReloadReport report) {
        if (report.activatedNames().isEmpty() && report.removedNames().isEmpty()) return;
        current = after;
        ledger.changed();
        for (String name : report.activatedNames()) {
            if (name.equals(BASELINE)) {
                ledger.baselineActivated(after.baseline().version());
                continue;
            }
            EffectivePolicy previous = before.orgs().get(name);
            OrgPolicy now = after.orgs().get(name).own();
            ledger.activated(previous == null ? null : previous.own(), now);
            LOG.info("policy {} {} activated ({})", name, now.version(), now.origin());
        }
        for (String name : report.removedNames()) {
            ledger.removed(name);
            LOG.info("policy {} removed: its folder is gone, the org runs the baseline", name);
        }
    }

    private void fail(String name, ReloadReport report, JsonObject failure) {
        report.rejected(name, failure);
        ledger.rejected(name, failure);
        LOG.warn("policy {} rejected, the running version stays: {}", name, failure.encode());
    }

    private Map<String, PolicySources> readPoliciesDir() throws IOException {
        return readPolicies(policiesDir);
    }

    /** Every org folder of a policies directory that holds policy files; a missing directory holds none. */
    public static Map<String, PolicySources> readPolicies(Path policiesDir) throws IOException {
        Map<String, PolicySources> found = new TreeMap<>();
        if (!Files.isDirectory(policiesDir)) return found;
        try (Stream<Path> dirs = Files.list(policiesDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String org = dir.getFileName().toString();
                if (!OrgName.isValid(org)) continue;
                PolicySources sources = PolicySources.readDirectory(org, dir);
                if (!sources.isEmpty()) found.put(org, sources);
            }
        }
        return found;
    }

    public synchronized JsonObject status() {
        return ledger.toJson();
    }
}
