#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: starts the local services the tests use,
# then builds and verifies every module (unit, integration and end-to-end tests, formatting,
# dependency rules).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/services.sh
./mvnw -B verify "$@"
