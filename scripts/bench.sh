#!/usr/bin/env bash
# Runs a JMH benchmark class in alternated rounds and prints the median and spread of each
# benchmark against the baseline measured in the same round (see docs/performance.md).
#   scripts/bench.sh <benchmark-regex> <baseline-method> [rounds=5] [extra JMH options...]
# Example: scripts/bench.sh DisabledCheckpointBenchmark directCall 5
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  sed -n '2,5p' "$0" >&2
  exit 2
fi
regex=$1 baseline=$2 rounds=${3:-5}
shift $(( $# >= 3 ? 3 : 2 ))
jar=checkpoint-benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  ./mvnw -B -q -pl checkpoint-benchmarks -am package -DskipTests
fi
out=checkpoint-benchmarks/target/jmh-rounds/$regex
rm -rf "$out" && mkdir -p "$out"
for i in $(seq 1 "$rounds"); do
  echo "round $i/$rounds: $regex" >&2
  java -jar "$jar" "$regex" -prof gc -prof dev.checkpoint.benchmarks.CpuTimeProfiler -f 1 -rf json -rff "$out/round-$i.json" "$@" >"$out/round-$i.log"
done
java -cp "$jar" dev.checkpoint.benchmarks.JmhSummary "$baseline" "$out"/round-*.json
