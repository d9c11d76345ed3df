#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: starts the local services the tests use,
# then builds and verifies every module (unit, integration and end-to-end tests, formatting,
# dependency rules).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/services.sh
# The web UI's tests drive Debian's headless Chromium (never a downloaded browser build).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
fi
./mvnw -B verify "$@"
