#!/usr/bin/env bash
# Web UI speed benchmark (issue 10): a workspace with 100,000 runs and a run whose metric has 1,000,000 points (plus
# a study, a model, inference log records, monitoring runs and alert events), served by a real `gyre server`, opened
# page by page in headless Chromium (playwright-core from tools/node): the time from navigation start to
# main[data-ready] (each page sets it when its first meaningful content is shown), median of 5 loads, with the cold
# first load (fresh browser context) reported separately. Budget: 1,000 ms per page (issue 10).
# Seeding goes through Gyre's own SQLite store (UiSeed/: CreateRun + one LogBatch per run, the long metric in
# LogBatch calls of 1,000 points). The workspace lives on /dev/shm when it is there: SQLite syncs every commit, and on
# this machine's disk 100,000 runs would take ~12 minutes to write (5,000 took 37 s) versus ~30 s in memory; reads
# are served from the page cache either way.
# Peer: MLflow's UI (the comparison the issue names) is not installable here -- there is no PyPI access, so the
# mlflow Python package and its server cannot be installed -- so no MLflow figure is measured.
# Needs: node, tools/node's playwright-core and /usr/bin/chromium (tools/install-test-deps.sh installs them).
# Usage: bench/ui/run.sh [--runs N] [--points N] [--loads N] [--keep]
# The last line printed is:
#   ui: max_ready_ms=X experiments_ms=X runs_ms=X run_1m_ms=X compare_ms=X budget_ms=1000
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runs=100000
points=1000000
loads=5
keep=0
usage() { sed -n '13,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
    --points) points="${2:?--points needs a value}"; shift 2 ;;
    --loads) loads="${2:?--loads needs a value}"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for value in "$runs" "$points" "$loads"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: counts must be positive integers, got '$value'" >&2; exit 2; }
done
command -v node >/dev/null && [[ -x /usr/bin/chromium && -d "$repo/tools/node/node_modules/playwright-core" ]] \
  || { echo "run.sh: needs node, /usr/bin/chromium and playwright-core in tools/node: run tools/install-test-deps.sh" >&2; exit 1; }

out="$here/out"
mkdir -p "$out"
if [[ -d /dev/shm && -w /dev/shm ]]; then workspace="/dev/shm/gyre-ui-bench-$$"; else workspace="$out/workspace"; fi
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [[ $keep -eq 1 ]] || rm -rf "$workspace"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cd "$repo"
./gyre --help >/dev/null
dotnet build "$here/UiSeed" -c Release -o "$out/seed-bin" --nologo -v quiet >/dev/null

rm -rf "$workspace"
mkdir -p "$workspace/home/events"
echo "seeding $runs runs and a $points-point metric into $workspace ..." >&2
seed_start=$(date +%s.%N)
dotnet "$out/seed-bin/ui-seed.dll" --db "$workspace/gyre.db" --alerts "$workspace/home/events/alerts.jsonl" \
  --out "$workspace/facts.json" --runs "$runs" --points "$points"
seed_seconds=$(/usr/bin/python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$seed_start" "$(date +%s.%N)")
echo "seeding took ${seed_seconds} s (database $(du -sh "$workspace/gyre.db" | cut -f1))" >&2

port="$(free_port)"
GYRE_HOME="$workspace/home" ./gyre server --backend-store-uri "sqlite:///$workspace/gyre.db" \
  --artifacts-destination "$workspace/artifacts" --port "$port" >"$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "run.sh: gyre server exited; see $out/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "run.sh: gyre server did not answer /health" >&2; exit 1; }

node "$here/measure.mjs" --url "http://127.0.0.1:$port/" --facts "$workspace/facts.json" --loads "$loads" | tee "$out/results.txt"
