#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: starts the local services the tests use,
# then builds and verifies every module (unit, integration and end-to-end tests, formatting,
# dependency rules).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/services.sh
# The web UI's tests drive Debian's headless Chromium (never a downloaded browser build). Without
# root or apt-get it cannot be installed here: say what to install and let those tests report it
# (they skip outside CI and fail under CI=true).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
  else
    echo "test.sh: chromium and chromedriver are missing and cannot be installed here (needs root and apt-get): install them (Debian/Ubuntu: sudo apt-get install chromium chromium-driver) for the web UI's browser tests." >&2
  fi
fi
./mvnw -B verify "$@"
