#!/usr/bin/env bash
# Start-up of checkpoint-agent's test application (example.plain.PlainApp: embedded Jetty, SQLite,
# OkHttp) without the agent, with it and recording OFF, and with it recording ON, alternated round
# by round. A start ends when the application prints its port; the figures are the wall time to
# that line and the process's CPU time (user + system) at that moment, median (min..max).
# A second argument, another build's agent jar, adds its two variants (base-off, base-on) to each
# round: an alternated A/B of a change against the build before it.
#
#   ./mvnw -B -pl checkpoint-agent -am package -DskipTests
#   scripts/agent-startup.sh 7
#   cp checkpoint-agent/target/checkpoint-agent.jar /tmp/before.jar   # then change, package, and:
#   scripts/agent-startup.sh 7 /tmp/before.jar
set -euo pipefail
rounds=${1:-5}
baseline=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
agent="$root/checkpoint-agent/target/checkpoint-agent.jar"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && ./mvnw -B -q -pl checkpoint-agent dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath")
# The application's own class path: checkpoint-api but none of the library or the test tools.
cp="$root/checkpoint-agent/target/test-classes:$(tr ':' '\n' < "$work/classpath" \
  | grep -v -E 'checkpoint-(core|assets|jdbc|servlet|http-)|byte-buddy|junit|assertj|awaitility|opentest4j|apiguardian' \
  | paste -sd: -)"
ticks=$(getconf CLK_TCK)

start_once() { # variant name, then JVM options; prints "variant wall_ms cpu_ms"
  local variant=$1; shift
  local dir; dir=$(mktemp -d -p "$work")
  local begin end pid utime stime
  begin=$(date +%s%N)
  "$java" "$@" -cp "$cp" example.plain.PlainApp "$dir/db" > "$dir/out" 2> "$dir/err" &
  pid=$!
  until grep -q '^port=' "$dir/out"; do
    kill -0 "$pid" 2> /dev/null || { cat "$dir/err" >&2; exit 1; }
    sleep 0.005
  done
  end=$(date +%s%N)
  read -r utime stime < <(awk '{print $14, $15}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" || true
  echo "$variant $(( (end - begin) / 1000000 )) $(( (utime + stime) * 1000 / ticks ))"
}

for round in $(seq "$rounds"); do
  start_once plain
  start_once agent-off "-javaagent:$agent"
  start_once agent-on "-javaagent:$agent" -Dcheckpoint.mode=ON -Dcheckpoint.exporter=jsonl \
    "-Dcheckpoint.jsonl.path=$work/checkpoints-$round.jsonl"
  if [[ -n $baseline ]]; then
    start_once base-off "-javaagent:$baseline"
    start_once base-on "-javaagent:$baseline" -Dcheckpoint.mode=ON -Dcheckpoint.exporter=jsonl \
      "-Dcheckpoint.jsonl.path=$work/base-checkpoints-$round.jsonl"
  fi
done | tee "$work/results" >&2

python3 - "$work/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    variant, wall, cpu = line.split()
    runs.setdefault(variant, []).append((int(wall), int(cpu)))
def fmt(values):
    return f"{statistics.median(values):.0f} ({min(values)}..{max(values)})"
plain_wall = statistics.median(w for w, _ in runs["plain"])
plain_cpu = statistics.median(c for _, c in runs["plain"])
print("| variant | wall ms to port | CPU ms to port | wall ratio | CPU ratio |")
print("| --- | --- | --- | --- | --- |")
for variant, values in runs.items():
    walls = [w for w, _ in values]; cpus = [c for _, c in values]
    print(f"| `{variant}` | {fmt(walls)} | {fmt(cpus)} | "
          f"{statistics.median(walls) / plain_wall:.2f} | {statistics.median(cpus) / plain_cpu:.2f} |")
PY
