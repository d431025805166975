#!/usr/bin/env bash
# Concord against a Python pipeline a user might write instead (bench/python_baseline.py:
# dateparser's search_dates plus regexes for counts), on the same gva-dev texts, in one run.
#
#   bench/compare_python.sh [path/to/incidents.jsonl]     (needs: pip install dateparser)
#
# Concord runs the whole pipeline (ingest to JSON report) with `reconcile --stories` on one
# thread and on all cores; the Python script times only its per-text work (imports and file
# reading excluded), which favours Python.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/gva-dev/incidents.jsonl}
cargo build --release --locked --quiet
bin=${CARGO_TARGET_DIR:-target}/release/concord
stories=$(mktemp -d)
trap 'rm -rf "$stories"' EXIT
"$bin" eval gva "$data" --min-docs 1 --write-stories "$stories/gva"

wall() { # seconds of wall time of a command, its stdout discarded
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
one=$(RAYON_NUM_THREADS=1 wall "$bin" reconcile --stories "$stories/gva")
all=$(wall "$bin" reconcile --stories "$stories/gva")
py_out=$(python3 bench/python_baseline.py "$data")
echo "$py_out" | grep -v '^seconds='
py=$(echo "$py_out" | sed -n 's/^seconds=//p')
printf 'concord reconcile --stories: %.2f s on 1 thread, %.2f s on %s cores\n' "$one" "$all" "$(nproc)"
printf 'python baseline: %.2f s (1 process)\n' "$py"
printf 'ratio (python / concord, one core each): %.0fx\n' "$(echo "$py / $one" | bc -l)"
