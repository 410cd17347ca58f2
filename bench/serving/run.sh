#!/usr/bin/env bash
# Serving benchmark (issue 5): single-row requests with Debian's wrk on 127.0.0.1 at concurrency 1, 8 and 64,
# against (a) `gyre serve` with a 100-tree FastForest (POST /predict/fraud and POST /v2/models/fraud/infer),
# (b) the seed's FastAPI app (seed_app/app.py, verbatim) under Debian's uvicorn with a joblib-loaded
# scikit-learn RandomForest (100 trees) trained on the same rows, 1 and 2 workers, and (c) a bare Kestrel
# endpoint returning a constant JSON (BareKestrel/). See README.md.
# Usage: bench/serving/run.sh   Environment: RUNS (default 3), DURATION (wrk -d, default 10s),
#   WARMUP (default 2s), ROWS (default 100000), GYRE_BIN_DIR (a folder holding a built gyre.dll: skip ./gyre's build)
# The last line printed is:
#   serving: rps_ratio_c8=X p99_ratio_c8=X kestrel_share_c64=X rss_mb_3models=X
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3   # Debian's Python (scikit-learn 1.2, FastAPI, uvicorn), never the python3 on PATH
runs="${RUNS:-3}"
duration="${DURATION:-10s}"
warmup="${WARMUP:-2s}"
rows="${ROWS:-100000}"
concurrencies=(1 8 64)
seed_workers=(1 2)
label=is_fraud

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) echo "run.sh: no arguments expected (got '$1'); use the environment variables" >&2; usage >&2; exit 2 ;;
esac
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: RUNS must be a positive integer, got '$runs'" >&2; exit 2; }
[[ "$rows" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: ROWS must be a positive integer, got '$rows'" >&2; exit 2; }
for value in "$duration" "$warmup"; do
  [[ "$value" =~ ^[1-9][0-9]*[smh]?$ ]] || { echo "run.sh: DURATION/WARMUP must look like 10s, got '$value'" >&2; exit 2; }
done

# --- prerequisites: Debian packages, installed when missing --------------------------------------------------
missing=()
for package in wrk python3-fastapi python3-uvicorn python3-sklearn python3-joblib python3-pandas; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "run.sh: installing ${missing[*]} (apt-get)" >&2
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); elif command -v sudo >/dev/null; then apt_get=(sudo apt-get)
  else echo "run.sh: not root and no sudo: apt-get install ${missing[*]}" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" >&2
fi
"$py" -c 'import fastapi, uvicorn, sklearn, joblib, pandas' \
  || { echo "run.sh: $py cannot import fastapi, uvicorn, sklearn, joblib and pandas" >&2; exit 1; }

out="$here/out"
mkdir -p "$out"
rm -rf "$out/gyre-home" "$out/model" "$out/logs"
mkdir -p "$out/logs"
export GYRE_HOME="$out/gyre-home"   # a fresh workspace: keeps the benchmark's runs and models out of the user's
export DOTNET_CLI_TELEMETRY_OPTOUT=1
results="$out/results.jsonl"
: > "$results"
note() { echo "$1" >&2; "$py" -c 'import json, sys; print(json.dumps({"kind": "note", "text": sys.argv[1]}))' "$1" >> "$results"; }

# --- processes: every server is started here, remembered by PID, and stopped by that PID ---------------------
pids=()
cleanup() {
  local pid
  for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${pids[@]+"${pids[@]}"}; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
server_pid=""
start_server() { # NAME READY_URL COMMAND... (the command runs in the background; its output goes to logs/NAME.log)
  local name="$1" ready="$2"; shift 2
  "$@" > "$out/logs/$name.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$ready" 2>/dev/null && return 0
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "run.sh: $name exited before it was ready; its log:" >&2; cat "$out/logs/$name.log" >&2; exit 1
    fi
    sleep 0.1
  done
  echo "run.sh: $name did not answer $ready within 60 s; its log is $out/logs/$name.log" >&2; exit 1
}
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  local kept=() pid
  for pid in "${pids[@]}"; do [[ "$pid" == "$server_pid" ]] || kept+=("$pid"); done
  pids=(${kept[@]+"${kept[@]}"})
  server_pid=""
}
tree_rss_mb() { # resident memory of a process and its children (uvicorn's workers), MB
  local total=0 pid kb
  for pid in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null); do
    kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
    total=$((total + ${kb:-0}))
  done
  "$py" -c "print(round($total / 1024, 1))"
}
check_answer() { # NAME URL BODY EXPECTED-SUBSTRING: one request must answer 200 with the expected content
  local answer
  if ! answer="$(curl -fsS -X POST -H 'Content-Type: application/json' --data-binary "@$3" "$2" 2>&1)" \
     || [[ "$answer" != *"$4"* ]]; then
    echo "run.sh: $1: POST $2 did not answer as expected: $answer" >&2; exit 1
  fi
  echo "  $1 answers: $answer" >&2
}
measure() { # RUN TARGET URL BODY: warm up, then one wrk run per concurrency, one JSON line each into results
  local run="$1" target="$2" url="$3" body="$4" c threads line
  wrk -t 2 -c 8 -d "$warmup" -s "$here/post.lua" "$url" -- "$body" > /dev/null
  for c in "${concurrencies[@]}"; do
    threads=$(( c < 2 ? c : 2 ))
    line="$(wrk -t "$threads" -c "$c" -d "$duration" --timeout 10s --latency -s "$here/post.lua" "$url" -- "$body" \
            | sed -n 's/^WRK_RESULT //p')"
    [[ -n "$line" ]] || { echo "run.sh: wrk printed no result for $target c=$c" >&2; exit 1; }
    echo "$line" | sed "s/^{/{\"kind\":\"wrk\",\"run\":$run,\"target\":\"$target\",\"concurrency\":$c,/" >> "$results"
    echo "  $target c=$c: $("$py" -c 'import json, sys; r = json.loads(sys.argv[1]); print("%.0f req/s, p50 %.3f ms, p99 %.3f ms, non-2xx %d" % (r["rps"], r["p50_ms"], r["p99_ms"], r["non2xx"]))' "$line")" >&2
  done
}
record_rss() { # TARGET PID
  echo "{\"kind\":\"rss\",\"run\":$run,\"target\":\"$1\",\"rss_mb\":$(tree_rss_mb "$2")}" >> "$results"
}

echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "wrk $(dpkg-query -W -f='${Version}' wrk), uvicorn $("$py" -c 'import uvicorn; print(uvicorn.__version__)')," \
     "fastapi $("$py" -c 'import fastapi; print(fastapi.__version__)'), sklearn $("$py" -c 'import sklearn; print(sklearn.__version__)')" >&2
if "$py" -c "import os, sys; sys.exit(0 if os.getloadavg()[0] > 0.5 * os.cpu_count() else 1)"; then
  echo "run.sh: warning: the machine is busy (load average $(cut -d' ' -f1 /proc/loadavg)); numbers will be noisy" >&2
fi

# --- builds: one snapshot of gyre for the whole run, the bare Kestrel app --------------------------------------
cd "$repo"
if [[ -n "${GYRE_BIN_DIR:-}" ]]; then
  [[ -f "$GYRE_BIN_DIR/gyre.dll" ]] || { echo "run.sh: GYRE_BIN_DIR=$GYRE_BIN_DIR holds no gyre.dll" >&2; exit 1; }
  source_bin="$GYRE_BIN_DIR"
else
  ./gyre --help > /dev/null   # builds when the sources changed; a build failure stops the run here
  source_bin="$repo/.gyre-bin"
fi
rm -rf "$out/gyre-bin" && cp -r "$source_bin" "$out/gyre-bin"
gyre() { dotnet "$out/gyre-bin/gyre.dll" "$@"; }
dotnet build "$here/BareKestrel" -c Release -o "$out/kestrel-bin" --nologo -v quiet > "$out/logs/kestrel-build.log" 2>&1 \
  || { cat "$out/logs/kestrel-build.log" >&2; echo "run.sh: BareKestrel did not build" >&2; exit 1; }

serve_help="$(gyre serve --help 2>&1 || true)"
gyre_serves=0
if [[ "$serve_help" == *"--model"* && "$serve_help" == *"--port"* ]]; then gyre_serves=1; fi

# --- data and models ------------------------------------------------------------------------------------------
echo "data: $rows fraud rows (seed 7)" >&2
gyre data synth fraud --rows "$rows" --seed 7 --output "$out/fraud.csv" > /dev/null
echo "model (b): scikit-learn RandomForestClassifier(n_estimators=100), numeric features in sorted order" >&2
"$py" "$here/train_sklearn.py" --data "$out/fraud.csv" --label "$label" --out-dir "$out/model" | tee -a "$results" >&2
predict_body="$out/model/predict-body.json"
infer_body="$out/model/infer-body.json"
ignore_args=()
while IFS= read -r column; do [[ -n "$column" ]] && ignore_args+=(--ignore "$column"); done < "$out/model/ignore.txt"

gyre_train_register() { # NAME TRAINER [PARAM...]: train on the sklearn model's rows and columns, register NAME
  local name="$1" trainer="$2"; shift 2
  local raw="$out/model/gyre-$name.json" params=() run_id
  for param in "$@"; do params+=(-p "$param"); done
  gyre train --data "$out/model/train.csv" --test "$out/model/test.csv" --label "$label" --task binary \
    --trainer "$trainer" ${params[@]+"${params[@]}"} --folds 0 --seed 0 "${ignore_args[@]}" --json > "$raw" \
    || { echo "run.sh: gyre train ($trainer) failed; its output is in $raw" >&2; exit 1; }
  run_id="$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["run_id"])' "$raw")"
  gyre models register "$name" --run "$run_id" --reason "serving benchmark" > /dev/null
  "$py" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(json.dumps({"kind": "gyre_model", "name": sys.argv[2], "trainer": d["trainer"], "training_rows": d["training_rows"], "fit_seconds": round(d["fit_seconds"], 3), "holdout_roc_auc": round(d["metrics"]["roc_auc"], 4)}))' "$raw" "$name" \
    | tee -a "$results" >&2
}
echo "model (a): gyre fastforest, num_trees=100, same rows and columns, registered as fraud" >&2
gyre_train_register fraud fastforest num_trees=100
if [[ $gyre_serves -eq 1 ]]; then
  echo "models for the memory check: gyre lightgbm and fasttree, registered as fraud_lightgbm and fraud_fasttree" >&2
  gyre_train_register fraud_lightgbm lightgbm
  gyre_train_register fraud_fasttree fasttree
else
  note "gyre serve not available (\`gyre serve --help\` shows no --model/--port): Gyre's rows are skipped"
fi

# --- measurements: every target once per run, each server started fresh ----------------------------------------
for ((run = 1; run <= runs; run++)); do
  echo "== run $run/$runs (wrk -d $duration, concurrency ${concurrencies[*]})" >&2

  port="$(free_port)"
  start_server kestrel "http://127.0.0.1:$port/health" "$out/kestrel-bin/bare-kestrel" --port "$port"
  check_answer kestrel_bare "http://127.0.0.1:$port/predict" "$predict_body" prediction
  measure "$run" kestrel_bare "http://127.0.0.1:$port/predict" "$predict_body"
  record_rss kestrel_bare "$server_pid"
  stop_server

  for workers in "${seed_workers[@]}"; do
    port="$(free_port)"
    # uvicorn's own CLI, run from the folder holding model.pkl, through seed_app/run_uvicorn.py (restores
    # TCP_NODELAY with --workers 2); access log off. Both choices are kinder to the seed app than the defaults.
    start_server "seed_app_w$workers" "http://127.0.0.1:$port/docs" \
      bash -c 'cd "$1" && exec "$2" "$3/run_uvicorn.py" --app-dir "$3" app:app --host 127.0.0.1 --port "$4" --workers "$5" --no-access-log --log-level warning' \
      _ "$out/model" "$py" "$here/seed_app" "$port" "$workers"
    check_answer "seed_app_w$workers" "http://127.0.0.1:$port/predict" "$predict_body" prediction
    measure "$run" "seed_app_w$workers" "http://127.0.0.1:$port/predict" "$predict_body"
    record_rss "seed_app_w$workers" "$server_pid"
    stop_server
  done

  if [[ $gyre_serves -eq 1 ]]; then
    port="$(free_port)"
    start_server gyre "http://127.0.0.1:$port/v2/health/ready" \
      dotnet "$out/gyre-bin/gyre.dll" serve --model fraud@champion --host 127.0.0.1 --port "$port"
    check_answer gyre_predict "http://127.0.0.1:$port/predict/fraud" "$predict_body" prediction
    check_answer gyre_infer "http://127.0.0.1:$port/v2/models/fraud/infer" "$infer_body" outputs
    measure "$run" gyre_predict "http://127.0.0.1:$port/predict/fraud" "$predict_body"
    measure "$run" gyre_infer "http://127.0.0.1:$port/v2/models/fraud/infer" "$infer_body"
    record_rss gyre_1model "$server_pid"
    stop_server

    port="$(free_port)"
    start_server gyre3 "http://127.0.0.1:$port/v2/health/ready" \
      dotnet "$out/gyre-bin/gyre.dll" serve --model fraud@champion --model fraud_lightgbm@champion \
        --model fraud_fasttree@champion --host 127.0.0.1 --port "$port"
    for name in fraud fraud_lightgbm fraud_fasttree; do
      for _ in $(seq 1 20); do
        curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "@$predict_body" \
          "http://127.0.0.1:$port/predict/$name" \
          || { echo "run.sh: gyre serve with three models: POST /predict/$name failed" >&2; exit 1; }
      done
    done
    sleep 1
    record_rss gyre_3models "$server_pid"
    stop_server
  fi
done

"$py" "$here/summarize.py" "$results"
