#!/usr/bin/env bash
# Runs the server's ingestion load harness for two builds in alternated rounds and prints, for each
# figure of its summary line, the median and range of each build (see docs/performance.md).
#   scripts/load-ab.sh <baseline.jar> <candidate.jar> [rounds=5] [database clients seconds]
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
# One row per figure: median (min..max) of A, of B, and the ratio of the medians B / A.
awk '
  function median(values, n,   sorted, i, j, t) {
    for (i = 1; i <= n; i++) sorted[i] = values[i]
    for (i = 2; i <= n; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) {
      t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t
    }
    low = sorted[1]; high = sorted[n]
    return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
  }
  {
    build = FILENAME ~ /\/A$/ ? "A" : "B"
    count[build]++
    for (f = 1; f <= NF; f++) {
      split($f, kv, "=")
      if (!(kv[1] in seen)) { seen[kv[1]] = 1; keys[++nkeys] = kv[1] }
      data[build, kv[1], count[build]] = kv[2] + 0
    }
  }
  END {
    printf "%-11s %-30s %-30s %s\n", "figure", "baseline median (min..max)", "candidate median (min..max)", "B/A"
    for (k = 1; k <= nkeys; k++) {
      key = keys[k]
      for (b = 1; b <= 2; b++) {
        build = b == 1 ? "A" : "B"
        delete values
        for (i = 1; i <= count[build]; i++) values[i] = data[build, key, i]
        m[build] = median(values, count[build])
        text[build] = sprintf("%.1f (%.1f..%.1f)", m[build], low, high)
      }
      printf "%-11s %-30s %-30s %.2f\n", key, text["A"], text["B"], m["A"] ? m["B"] / m["A"] : 0
    }
  }' "$out/A" "$out/B"
rm -rf "$out"
