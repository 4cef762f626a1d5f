#!/usr/bin/env bash
# A killed and resumed import: commits a file of ROWS valid rows, SIGKILLs the importer once some
# batches are recorded, runs the same import id again, and checks that every row was recorded once
# and that there is exactly one ContactCreated per accepted row.
# Usage: Scripts/import-soak.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
swift build -c release --product callstack
bin="$(swift build -c release --show-bin-path)/callstack"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
store="$work/store"

cat > "$work/setup.jsonl" <<'JSON'
{"id":"boot","actor":"ada","at":"2027-03-01T09:00:00Z","command":{"createWorkspace":{"workspaceId":"soak","name":"Soak","adminMemberId":"ada","adminDisplayName":"Ada"}}}
{"id":"settings","actor":"ada","at":"2027-03-01T09:01:00Z","command":{"changeWorkspaceSettings":{"updateMask":"importDefaults","settings":{"importDefaults":{"defaultPhoneRegion":"GB","defaultCallStatus":"new","duplicatePolicy":"DUPLICATE_POLICY_SKIP","requiredFields":["phone"]}}}}}
{"id":"client","actor":"ada","at":"2027-03-01T09:02:00Z","command":{"addClient":{"clientId":"acme","name":"Acme"}}}
{"id":"campaign","actor":"ada","at":"2027-03-01T09:03:00Z","command":{"createCampaign":{"campaignId":"soak","clientId":"acme","name":"Soak"}}}
JSON
"$bin" exec "$work/setup.jsonl" --store "$store" > /dev/null

python3 - "$rows" "$work/contacts.csv" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w", newline="") as f:
    f.write("Name,Mobile,Email\r\n")
    for i in range(rows):
        f.write(f"Contact {i},07{400000000 + i:09d},c{i}@example.com\r\n")
PY

commit() { exec "$bin" import commit "$work/contacts.csv" --campaign soak --as ada --id soak --at 2027-03-02T10:00:00Z --batch 500 --store "$store"; }
recorded() {
  "$bin" import history --as ada --id soak --json --store "$store" 2>/dev/null \
    | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rows"]))' 2>/dev/null || echo 0
}

# The importer itself in the background (exec: $! is its pid, so the kill reaches it).
(commit > "$work/first.log" 2>&1) &
pid=$!
target=$(( rows / 4 > 0 ? rows / 4 : 1 ))
while kill -0 "$pid" 2>/dev/null && [ "$(recorded)" -lt "$target" ]; do sleep 0.5; done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
before="$(recorded)"
echo "import-soak: killed the importer with $before of $rows rows recorded"
[ "$before" -lt "$rows" ] || { echo "import-soak: the importer finished before the kill; use more rows" >&2; exit 1; }

(commit) | tee "$work/second.log"
grep -q "resumed after line" "$work/second.log" || { echo "import-soak: the second run did not resume" >&2; exit 1; }
after="$(recorded)"
created="$("$bin" log tail --from 1 --limit $(( rows * 3 + 100 )) --store "$store" | grep -c '"type":"ContactCreated"' || true)"
echo "import-soak: $after rows recorded, $created ContactCreated events, for $rows rows"
[ "$after" -eq "$rows" ] && [ "$created" -eq "$rows" ] || { echo "import-soak: FAILED" >&2; exit 1; }
"$bin" verify --store "$store" > /dev/null
echo "import-soak: exactly one contact per accepted row; verify sound"
