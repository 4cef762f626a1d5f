#!/usr/bin/env bash
# Kills a durable writer with SIGKILL N times (default 200) and checks after each kill that every
# acknowledged event is present, nothing is partial and the store verifies.
# Usage: Scripts/crash-test.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
cycles="${1:-200}"
swift build --build-tests
CRASH_CYCLES="$cycles" swift test --skip-build --filter CrashTests
