#!/usr/bin/env bash
# Runs the server's ingestion load harness for two builds in alternated rounds and prints, for each
# figure of its summary line, the median and range of each build (see docs/performance.md).
#   scripts/load-ab.sh <baseline.jar> <candidate.jar> [rounds=5] [database clients seconds encoding]
# Example: cp checkpoint-benchmarks/target/benchmarks.jar /tmp/before.jar; (change, rebuild);
#          scripts/load-ab.sh /tmp/before.jar checkpoint-benchmarks/target/benchmarks.jar 5 sqlite 8 10
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,6p' "$0" >&2
  exit 2
fi
baseline=$1 candidate=$2 rounds=${3:-5}
shift $(( $# >= 3 ? 3 : 2 ))
for jar in "$baseline" "$candidate"; do
  [ -f "$jar" ] || { echo "no such jar: $jar (build it with ./mvnw -pl checkpoint-benchmarks -am package -DskipTests)" >&2; exit 2; }
done
out=$(mktemp -d)
# The two builds run in turns (A B, B A, A B ...) so that a change in the machine's load during
# the rounds falls on both alike.
for i in $(seq 1 "$rounds"); do
  if (( i % 2 )); then order="A B"; else order="B A"; fi
  for build in $order; do
    jar=$baseline; [ "$build" = B ] && jar=$candidate
    line=$(java -cp "$jar" dev.checkpoint.benchmarks.IngestLoadHarness "$@" 2>/dev/null | grep '^summary ' || true)
    if [ -z "$line" ]; then
      echo "round $i $build: the harness printed no summary; run it by hand to see why" >&2
      exit 1
    fi
    echo "round $i $build: ${line#summary }" >&2
    echo "${line#summary }" >>"$out/$build"
  done
done
# One row per figure: median (min..max) of each build and the ratio of the medians, by the
# candidate's summariser (a build of this checkout, as the candidate usually is).
java -cp "$candidate" dev.checkpoint.benchmarks.LoadSummary "$out/A" "$out/B"
rm -rf "$out"
