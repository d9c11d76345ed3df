#!/usr/bin/env bash
# Fuzzes the parsers with Jazzer, one target after another, each for the given time, and prints
# each run's executions, coverage and findings (docs/reliability.md, "Fuzzing").
#   scripts/fuzz.sh [all|batch|asset|tree|scenario] [duration=10m] [extra Maven options...]
# Example: scripts/fuzz.sh batch 30s -o
# A finding stops its target's run and is written as crash-<sha1> beside the committed inputs
# (src/test/resources/.../<Target>Inputs/<method>/), where the suite replays it from then on: fix the
# bug, rename the file after what it holds and commit it. What the fuzzer learnt is kept in each
# module's .cifuzz-corpus/ (not committed) and resumed by the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-all}
duration=${2:-10m}
shift $(($# >= 2 ? 2 : $#))
case "$target" in
  all) targets=(batch asset tree scenario) ;;
  batch | asset | tree | scenario) targets=("$target") ;;
  *)
    sed -n '2,4p' "$0" >&2
    exit 2
    ;;
esac

declare -A module=([batch]=checkpoint-server [asset]=checkpoint-assets [tree]=checkpoint-assets
  [scenario]=checkpoint-cli)
declare -A test=([batch]=BatchParserFuzzTest [asset]=AssetFormatFuzzTest
  [tree]=CheckpointTreesFuzzTest [scenario]=ScenarioParserFuzzTest)

modules=$(for name in "${targets[@]}"; do echo "${module[$name]}"; done | sort -u | paste -sd, -)
# Built once before fuzzing, so that no run compiles a module while another fuzzes it. SKIP_BUILD=1
# skips this when the modules are installed already, e.g. to fuzz two targets at once from two
# shells.
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q "$@" install -DskipTests -pl "$modules" -am
fi

mkdir -p target/fuzz
status=0
summary=()
for name in "${targets[@]}"; do
  log=target/fuzz/$name.log
  echo "fuzz.sh: fuzzing $name (${test[$name]}) for $duration; output in $log"
  # JAZZER_MAX_DURATION overrides @FuzzTest's maxDuration; only one fuzz test runs per JVM.
  if JAZZER_FUZZ=1 JAZZER_MAX_DURATION=$duration ./mvnw -B "$@" -pl "${module[$name]}" test \
    -Dtest="${test[$name]}" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    result=passed
  else
    result="FAILED (a finding, or a build error: see $log)"
    status=1
  fi
  # libFuzzer's last status line: "#<executions> DONE cov: <edges> ft: <features> corp: ... exec/s: <n>".
  stats=$(grep -a -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1 || true)
  runs=$(grep -a -o -E 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  findings=$(grep -a -c -E '^== Java Exception|^== Java Assertion|FuzzerSecurityIssue' "$log" || true)
  summary+=("$name: $result; ${runs:-no libFuzzer summary}; findings: $findings; last: ${stats:-none}")
done
printf '%s\n' "${summary[@]}"
exit "$status"
