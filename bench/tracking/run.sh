#!/usr/bin/env bash
# Tracking benchmark (issue 3): a real `gyre server` process on 127.0.0.1, driven over HTTP by
# tracking-bench (TrackingBench/), on SQLite and on PostgreSQL (a throw-away Debian cluster). See README.md.
# Usage: bench/tracking/run.sh [--repeats N] [--runs N] [--points N]
# The last line printed is:
#   tracking: ingest_share_sqlite=X ingest_share_postgres=X search_p95_ms=X history_100k_ms=X
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3
repeats=3
runs=100000
points=100000

usage() { sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeats) repeats="${2:?--repeats needs a value}"; shift 2 ;;
    --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
    --points) points="${2:?--points needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for value in "$repeats" "$runs" "$points"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: counts must be positive integers, got '$value'" >&2; exit 2; }
done
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$pg_bin/initdb" ]] || { echo "run.sh: PostgreSQL is required: apt-get install postgresql" >&2; exit 1; }

out="$here/out"
rm -rf "$out/pg" "$out/sqlite" "$out/postgres-artifacts" "$out/sqlite-artifacts"
mkdir -p "$out"
results="$out/results.jsonl"
: > "$results"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f "$out/pg/data/postmaster.pid" ]] && as_postgres "$pg_bin/pg_ctl" -D "$out/pg/data" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cd "$repo"
./gyre --help >/dev/null
rm -rf "$out/gyre-bin" && cp -r "$repo/.gyre-bin" "$out/gyre-bin"
dotnet build "$here/TrackingBench" -c Release -o "$out/bench-bin" --nologo -v quiet >/dev/null
bench() { dotnet "$out/bench-bin/tracking-bench.dll" "$@"; }

# PostgreSQL: a fresh cluster in out/pg, fsync on (durable, as a real server), on a free port.
mkdir -p "$out/pg"
[[ $(id -u) -eq 0 ]] && chown postgres "$out/pg"
as_postgres "$pg_bin/initdb" -D "$out/pg/data" -A trust -U postgres >/dev/null
pg_port="$(free_port)"
as_postgres "$pg_bin/pg_ctl" -D "$out/pg/data" -l "$out/pg/data/server.log" -w \
  -o "-p $pg_port -k $out/pg -c listen_addresses=127.0.0.1" start >/dev/null
as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres gyre_bench

start_server() { # backend-store-uri artifacts-folder → sets url
  local port; port="$(free_port)"
  dotnet "$out/gyre-bin/gyre.dll" server --backend-store-uri "$1" --artifacts-destination "$2" \
    --host 127.0.0.1 --port "$port" > "$out/server.log" 2>&1 &
  pids+=($!)
  url="http://127.0.0.1:$port/"
  for _ in $(seq 1 300); do
    curl -fsS "${url}health" >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "run.sh: gyre server did not answer on $url" >&2; exit 1
}
stop_server() { kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }

for backend in sqlite postgres; do
  if [[ $backend == sqlite ]]; then
    mkdir -p "$out/sqlite"
    store_uri="sqlite:///$out/sqlite/gyre.db"; db="$out/sqlite/gyre.db"
  else
    store_uri="postgresql://postgres@127.0.0.1:$pg_port/gyre_bench"
    db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=gyre_bench;Maximum Pool Size=16"
  fi
  start_server "$store_uri" "$out/$backend-artifacts"
  echo "== $backend: $url" >&2
  for r in $(seq 1 "$repeats"); do
    bench ingest --url "$url" --db-kind "$backend" --db "$db" --clients 4 --batches 50 --batch-size 1000 >> "$results"
  done
  for r in $(seq 1 "$repeats"); do
    bench search --url "$url" --runs "$runs" --queries 200 | sed "s/}$/,\"backend\":\"$backend\"}/" >> "$results"
    bench history --url "$url" --points "$points" --reads 20 | sed "s/}$/,\"backend\":\"$backend\"}/" >> "$results"
  done
  stop_server
done

"$py" "$here/summarize.py" "$results"
