#!/usr/bin/env bash
# Engine benchmark: PolicyEngine.evaluate on one thread (src/test/java/dev/amfa/bench/EngineBenchmark.java).
#
#   bench/engine.sh                      # all scenarios, throughput + latency percentiles (~4-5 min)
#   bench/engine.sh -p scenario=baseline # any extra arguments go to JMH (e.g. -prof stack, -prof gc)
#
# Settings (in the @Fork/@Warmup/@Measurement annotations, overridable here): one fork per scenario and
# mode, 2 GB fixed heap, 3 x 3 s warm-up, 5 x 3 s measurement. Drools' rule networks JIT-compile within
# the first couple of seconds; more iterations moved the numbers by less than their run-to-run noise.
# Each fork recompiles its rules in @Setup (orgs1000x10: ~30 s for 1,000 KieBases on 2 cores), which is
# most of the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q test-compile
cp_file=$(mktemp)
snapshot=$(mktemp -d)
trap 'rm -rf "$cp_file" "$snapshot"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
# Run from a copy of the compiled classes: a concurrent `mvn clean`/compile in target/ must not pull
# classes out from under a five-minute run.
cp -r target/classes "$snapshot/classes"
cp -r target/test-classes "$snapshot/test-classes"

# Runs in the repository root: the benchmark reads the shipped baseline from rules/.
java -cp "$snapshot/test-classes:$snapshot/classes:$(cat "$cp_file")" org.openjdk.jmh.Main \
    'dev.amfa.bench.EngineBenchmark' -rf text -rff "${JMH_RESULT:-/tmp/amfa-engine-bench.txt}" "$@"
