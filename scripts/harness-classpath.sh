#!/usr/bin/env bash
# Prints the class path of a module for the process harnesses (docs/performance.md), with this
# checkout's builds of the dev.checkpoint jars instead of the ones Maven resolves from a repository.
#   scripts/harness-classpath.sh <module> [scope=runtime] [dir of jars to use instead]
# The module's own classes (and its test classes, for scope test) come last. A jar of the third
# argument's directory replaces the dev.checkpoint jar of the same name: an older build, for A/B.
# Example: scripts/harness-classpath.sh checkpoint-demo
#          scripts/harness-classpath.sh checkpoint-instrumentation/checkpoint-spring-boot-starter test
# Build first: ./mvnw -B -pl <module> -am install -DskipTests (and test-compile for scope test).
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n '2,9p' "$0" >&2
  exit 2
fi
module=$1 scope=${2:-runtime} replacements=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
"$root/mvnw" -B -q -f "$root/pom.xml" -pl "$module" dependency:build-classpath \
  -DincludeScope="$scope" -Dmdep.outputFile="$raw" >&2
{
  tr ':' '\n' <"$raw" | while IFS= read -r jar || [ -n "$jar" ]; do
    name=$(basename "$jar")
    case $jar in
      */dev/checkpoint/*)
        if [ -n "$replacements" ] && [ -f "$replacements/$name" ]; then
          echo "$replacements/$name"
        else
          found=$(find "$root" -path "*/target/$name" -not -path "$root/checkpoint-cli/*" | head -1)
          [ -n "$found" ] || { echo "no build of $name in this checkout: install it first" >&2; exit 1; }
          echo "$found"
        fi
        ;;
      *) echo "$jar" ;;
    esac
  done
  echo "$root/$module/target/classes"
  if [ "$scope" = test ]; then echo "$root/$module/target/test-classes"; fi
} | paste -sd:
