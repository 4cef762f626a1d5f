#!/usr/bin/env bash
# The export round trip of `make soak`: a generated log of about EVENTS events (the demo: sealed
# contacts, concurrent callers) is exported with its keys, restored into a new store and exported
# again; the two exports must be byte-identical, and the restored store must verify.
# Usage: Scripts/export-roundtrip.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-1000000}"
swift build -c release --product callstack
bin="$(swift build -c release --show-bin-path)/callstack"
work="$(mktemp -d "${TMPDIR:-/tmp}/callstack-roundtrip.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "a passphrase for the soak" > "$work/passphrase"

contacts=$(( events / 5 ))              # 2 events each: created, enrolled
calls=$(( events * 3 / 5 / 2 / 8 ))     # 8 callers, 2 events a call: the other three fifths
"$bin" demo --store "$work/a" --contacts "$contacts" --callers 8 --calls "$calls" --durability unsafeNoSync | tail -3
"$bin" export --store "$work/a" --output "$work/one.jsonl" --keys "$work/keys" --passphrase-file "$work/passphrase"
"$bin" restore "$work/one.jsonl" --store "$work/b" --keys "$work/keys" --passphrase-file "$work/passphrase"
"$bin" export --store "$work/b" --output "$work/two.jsonl"
cmp "$work/one.jsonl" "$work/two.jsonl"
"$bin" verify --store "$work/b"
echo "export round trip: $(wc -l < "$work/one.jsonl") events, byte-identical ($(wc -c < "$work/one.jsonl") bytes)"
