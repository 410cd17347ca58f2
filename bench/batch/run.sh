#!/usr/bin/env bash
# Batch benchmark (issue 8): scoring ROWS rows of the fraud generator from CSV to CSV, file reading and writing
# included, with (a) `gyre predict` and a 100-tree FastForest, (b) the seed's scikit-learn RandomForest (100 trees)
# predict_proba with pandas I/O (Debian's python3-sklearn, python3-pandas), and (c) raw ONNX Runtime scoring Gyre's
# exported model on rows already in memory (the limit, OrtBench/). Then gyre predict's peak memory on BIG_ROWS rows.
# Both models train on the same TRAIN_ROWS rows. Medians of RUNS runs. See README.md.
# Usage: bench/batch/run.sh   Environment: RUNS (3), ROWS (1000000), BIG_ROWS (5000000; 0 = skip), TRAIN_ROWS (200000)
# The last line printed is:
#   batch: speedup_vs_sklearn=X share_of_ort=X peak_mb_5m=X process_speedup_vs_sklearn=X
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3   # Debian's Python (scikit-learn 1.2, pandas), never the python3 on PATH
runs="${RUNS:-3}"
rows="${ROWS:-1000000}"
big_rows="${BIG_ROWS:-5000000}"
train_rows="${TRAIN_ROWS:-200000}"

case "${1:-}" in
  -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "run.sh: no arguments expected (got '$1'); use the environment variables" >&2; exit 2 ;;
esac
for pair in "RUNS=$runs" "ROWS=$rows" "TRAIN_ROWS=$train_rows"; do
  [[ "${pair#*=}" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: ${pair%%=*} must be a positive integer, got '${pair#*=}'" >&2; exit 2; }
done
[[ "$big_rows" =~ ^[0-9]+$ ]] || { echo "run.sh: BIG_ROWS must be a non-negative integer, got '$big_rows'" >&2; exit 2; }

missing=()
for package in python3-sklearn python3-pandas python3-joblib time; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "run.sh: installing ${missing[*]} (apt-get)" >&2
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); elif command -v sudo >/dev/null; then apt_get=(sudo apt-get)
  else echo "run.sh: not root and no sudo: apt-get install ${missing[*]}" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" >&2
fi

out="$here/out"
rm -rf "$out/gyre-home" "$out/logs"
mkdir -p "$out/logs"
export GYRE_HOME="$out/gyre-home" DOTNET_CLI_TELEMETRY_OPTOUT=1
results="$out/results.jsonl"
: > "$results"
echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

cd "$repo"
./gyre --help > /dev/null   # builds when the sources changed
rm -rf "$out/gyre-bin" && cp -r "$repo/.gyre-bin" "$out/gyre-bin"
gyre=(dotnet "$out/gyre-bin/gyre.dll")
dotnet build "$here/OrtBench" -c Release -o "$out/ort-bin" --nologo -v quiet > "$out/logs/ort-build.log" 2>&1 \
  || { cat "$out/logs/ort-build.log" >&2; echo "run.sh: OrtBench did not build" >&2; exit 1; }

synth() { [[ -s "$out/$1" && "$(cat "$out/$1.rows" 2>/dev/null)" == "$2" ]] && return 0
  "${gyre[@]}" data synth fraud --rows "$2" --seed "$3" --output "$out/$1" > /dev/null && echo "$2" > "$out/$1.rows"; }
echo "== data: $train_rows training rows, $rows rows to score${big_rows:+, $big_rows for the memory check}" >&2
synth train.csv "$train_rows" 7
synth score.csv "$rows" 8
(( big_rows > 0 )) && synth big.csv "$big_rows" 9

echo "== models: Gyre FastForest (100 trees) and its ONNX export; scikit-learn RandomForest (100 trees)" >&2
model="$("${gyre[@]}" train --data "$out/train.csv" --label is_fraud --task binary --trainer fastforest -p num_trees=100 \
          --folds 0 --json | "$py" -c 'import json, sys; print(json.load(sys.stdin)["model_path"])')"
"${gyre[@]}" export onnx "$model" --out "$out/model.onnx" --data "$out/score.csv" --rows 2000 > "$out/logs/export.log"
"$py" "$here/sklearn_batch.py" fit --train "$out/train.csv" --model "$out/sklearn.joblib" > /dev/null

for run in $(seq 1 "$runs"); do
  started=$("$py" -c 'import time; print(time.perf_counter())')
  "${gyre[@]}" predict --model "$model" --input "$out/score.csv" --output "$out/gyre-out.csv" --json > "$out/logs/gyre-predict.json"
  # Two timings: the job's own (read, parse, score, write: what sklearn_batch.py times, after start-up and model
  # load) and the whole process (start-up and model load included).
  "$py" -c 'import json, sys, time; s = time.perf_counter() - float(sys.argv[1]); n = int(sys.argv[2]); job = json.load(open(sys.argv[4]))["seconds"]
print(json.dumps({"kind": "gyre", "run": int(sys.argv[3]), "rows": n, "seconds": job, "rows_per_s": n / job}))
print(json.dumps({"kind": "gyre_process", "run": int(sys.argv[3]), "rows": n, "seconds": s, "rows_per_s": n / s}))' "$started" "$rows" "$run" "$out/logs/gyre-predict.json" >> "$results"
  "$py" "$here/sklearn_batch.py" score --model "$out/sklearn.joblib" --score "$out/score.csv" --out "$out/sklearn-out.csv" \
    | sed "s/^{/{\"kind\": \"sklearn\", \"run\": $run, /" >> "$results"
  dotnet "$out/ort-bin/ort-bench.dll" "$model" "$out/model.onnx" "$out/score.csv" 3 \
    | sed "s/^{/{\"kind\": \"ort\", \"run\": $run, /" >> "$results"
  tail -4 "$results" | "$py" -c 'import json, sys
for line in sys.stdin: r = json.loads(line); print("  run %d %-8s %10.0f rows/s" % (r["run"], r["kind"], r["rows_per_s"]), file=sys.stderr)'
done

if (( big_rows > 0 )); then
  echo "== peak memory: gyre predict on $big_rows rows" >&2
  /usr/bin/time -f '%M' -o "$out/logs/big.kb" "${gyre[@]}" predict --model "$model" --input "$out/big.csv" --output "$out/big-out.csv" --json \
    > "$out/logs/big-predict.json" || echo "run.sh: gyre predict on $big_rows rows failed (see $out/logs)" >&2
  echo "{\"kind\": \"peak\", \"rows\": $big_rows, \"peak_mb\": $(( $(cat "$out/logs/big.kb") / 1024 ))}" >> "$results"
fi

"$py" - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
med = lambda kind: statistics.median(r["rows_per_s"] for r in rows if r["kind"] == kind)
gyre, process, sk, ort = med("gyre"), med("gyre_process"), med("sklearn"), med("ort")
peak = next((r["peak_mb"] for r in rows if r["kind"] == "peak"), None)
print(f"gyre predict {gyre:,.0f} rows/s ({process:,.0f} rows/s for the whole process), scikit-learn {sk:,.0f} rows/s, raw ONNX Runtime {ort:,.0f} rows/s (medians)")
print(f"goals: >= 3x scikit-learn: {'yes' if gyre >= 3 * sk else 'no'}; >= 50% of ORT: {'yes' if gyre >= 0.5 * ort else 'no'};"
      f" peak <= 400 MB: {'NA' if peak is None else ('yes' if peak <= 400 else 'no')}")
print(f"batch: speedup_vs_sklearn={gyre / sk:.2f} share_of_ort={gyre / ort:.3f} peak_mb_5m={'NA' if peak is None else peak} process_speedup_vs_sklearn={process / sk:.2f}")
PY
