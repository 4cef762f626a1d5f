#!/usr/bin/env bash
# Long runs: a 1M-event round trip and map growth from 1 MiB past 1 GiB.
# Usage: Scripts/soak.sh [EVENTS] [MAP_BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
SOAK_EVENTS="${1:-1000000}" SOAK_MAP_BYTES="${2:-1200000000}" swift test --skip-build --filter SoakTests
