#!/usr/bin/env bash
# Engine benchmark: PolicyEngine.evaluate on one thread (src/test/java/dev/amfa/bench/EngineBenchmark.java).
#
#   bench/engine.sh                      # all scenarios, throughput + latency percentiles (~4 min)
#   bench/engine.sh -p scenario=baseline # any extra arguments go to JMH (e.g. -prof gc, -prof stack)
#   BENCH=EngineBenchmark.throughput bench/engine.sh   # one method only (JMH ORs include patterns)
#
# Settings (in the @Fork/@Warmup/@Measurement annotations, overridable with JMH flags): one fork per
# scenario and mode (8 forks), 2 GB fixed heap, 3 x 2 s warm-up, 5 x 2 s measurement. The rule networks
# are JIT-compiled within the first warm-up second; a run with 3 s iterations scored within the
# run-to-run noise of this one. Each fork compiles its rules in @Setup (orgs1000x10: 30-45 s for 1,000
# KieBases on 2 cores), a third of the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q test-compile
cp_file=$(mktemp)
snapshot=$(mktemp -d)
trap 'rm -rf "$cp_file" "$snapshot"' EXIT
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
# Run from a copy of the compiled classes: a concurrent `mvn clean`/compile in target/ must not pull
# classes out from under a five-minute run.
cp -r target/classes "$snapshot/classes"
cp -r target/test-classes "$snapshot/test-classes"

# Other work on these 2 cores skews every number: say how busy the machine was.
echo "before: $(uptime | sed 's/.*load/load/')"
# Runs in the repository root: the benchmark reads the shipped baseline from rules/.
java -cp "$snapshot/test-classes:$snapshot/classes:$(cat "$cp_file")" org.openjdk.jmh.Main \
    "${BENCH:-dev.amfa.bench.EngineBenchmark}" -rf text -rff "${JMH_RESULT:-/tmp/amfa-engine-bench.txt}" "$@"
echo "after: $(uptime | sed 's/.*load/load/')"
