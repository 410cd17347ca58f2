#!/usr/bin/env bash
# Monitoring benchmark (issue 6): a drift report over 20 columns of the fraud generator (16 numeric: KS; 4
# categorical: Evidently's chi-square), reference (FraudDrift.None, seed 7) vs covariate-drifted current
# (FraudDrift.Covariate, seed 8), at 100k vs 100k and 1M vs 1M rows: Gyre's DatasetDriftDetector.Detect
# (DriftBench/) against scipy's per-column ks_2samp + chisquare (scipy_drift.py, Debian's python3-scipy) on the
# same files, file loading excluded on both sides; peak memory; time to merge 24 hourly profiles. See README.md.
# Usage: bench/monitoring/run.sh   Environment: RUNS (default 3), REPEATS (timed calls per run, default 5)
# The last line printed is:
#   monitoring: speedup_1m=X speedup_100k=X verdicts_match=true|false max_rel_p_diff=X peak_mb_1m=X
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py=/usr/bin/python3   # Debian's Python (scipy 1.10, numpy 1.24), never the python3 on PATH
runs="${RUNS:-3}"
repeats="${REPEATS:-5}"
sizes=(100000 1000000)

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) echo "run.sh: no arguments expected (got '$1'); use the environment variables" >&2; usage >&2; exit 2 ;;
esac
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: RUNS must be a positive integer, got '$runs'" >&2; exit 2; }
[[ "$repeats" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: REPEATS must be a positive integer, got '$repeats'" >&2; exit 2; }

# --- prerequisites: Debian packages, installed when missing --------------------------------------------------
missing=()
for package in python3-scipy python3-numpy; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "run.sh: installing ${missing[*]} (apt-get)" >&2
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); elif command -v sudo >/dev/null; then apt_get=(sudo apt-get)
  else echo "run.sh: not root and no sudo: apt-get install ${missing[*]}" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" >&2
fi
"$py" -c 'import scipy, numpy' || { echo "run.sh: $py cannot import scipy and numpy" >&2; exit 1; }
command -v taskset > /dev/null || { echo "run.sh: taskset (util-linux) is needed for the one-core Gyre figure" >&2; exit 1; }

out="$here/out"
mkdir -p "$out/logs"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
results="$out/results.jsonl"
: > "$results"
record() { # VARIANT RUN JSON-LINE: append the line with the variant and run number in front
  [[ "$3" == "{"* ]] || { echo "run.sh: $1 (run $2) printed no JSON: $3" >&2; exit 1; }
  echo "$3" | sed "s/^{/{\"variant\":\"$1\",\"run\":$2,/" >> "$results"
}

echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "$("$py" -c 'import scipy, numpy, sys; print("python", sys.version.split()[0], "scipy", scipy.__version__, "numpy", numpy.__version__)');" \
     ".NET $(dotnet --version)" >&2
if "$py" -c "import os, sys; sys.exit(0 if os.getloadavg()[0] > 0.5 * os.cpu_count() else 1)"; then
  echo "run.sh: warning: the machine is busy (load average $(cut -d' ' -f1 /proc/loadavg)); numbers will be noisy" >&2
fi

# --- build: DriftBench in Release (TieredPGO), with Gyre.Monitoring and Gyre.Data as they are in the tree ---------
rm -rf "$out/bench-bin"
dotnet build "$here/DriftBench" -c Release -o "$out/bench-bin" --nologo -v quiet > "$out/logs/build.log" 2>&1 \
  || { cat "$out/logs/build.log" >&2; echo "run.sh: DriftBench did not build" >&2; exit 1; }
bench=("$out/bench-bin/drift-bench")

# --- data: generated once per size, same files for both tools -----------------------------------------------------
rm -rf "$out/data"
for rows in "${sizes[@]}"; do
  echo "data: $rows reference rows (FraudDrift.None, seed 7) and $rows current rows (FraudDrift.Covariate, seed 8)" >&2
  record generate 0 "$("${bench[@]}" generate --rows "$rows" --dir "$out/data/$rows" --reference-seed 7 --current-seed 8)"
done

# --- measurements ---------------------------------------------------------------------------------------------------
for ((run = 1; run <= runs; run++)); do
  echo "== run $run/$runs ($repeats timed calls after one warm-up, per tool and size)" >&2
  for rows in "${sizes[@]}"; do
    data="$out/data/$rows"
    # The tools alternate which goes first, run to run, so neither always meets a cooler machine.
    if (( run % 2 == 1 )); then order=(gyre scipy); else order=(scipy gyre); fi
    for tool in "${order[@]}"; do
      if [[ "$tool" == gyre ]]; then
        line="$("${bench[@]}" detect --dir "$data" --repeats "$repeats")"
      else
        line="$("$py" "$here/scipy_drift.py" --dir "$data" --repeats "$repeats")"
      fi
      record "$tool" "$run" "$line"
      echo "  $tool $rows rows: median $("$py" -c 'import json, sys; print(json.loads(sys.argv[1])["median_ms"])' "$line") ms" >&2
    done
    # Gyre on one core (informational: scipy runs on one core; DatasetDriftDetector spreads columns over all).
    line="$(taskset -c 0 "${bench[@]}" detect --dir "$data" --repeats "$repeats")"
    record gyre_1core "$run" "$line"
    echo "  gyre (1 core) $rows rows: median $("$py" -c 'import json, sys; print(json.loads(sys.argv[1])["median_ms"])' "$line") ms" >&2
    # Peak memory in a fresh process that only loads the data and detects once.
    line="$("${bench[@]}" peak --dir "$data")"
    record gyre "$run" "$line"
    echo "  gyre peak RSS $rows rows: $("$py" -c 'import json, sys; print(json.loads(sys.argv[1])["peak_mb"])' "$line") MB" >&2
  done
  line="$("${bench[@]}" merge --dir "$out/data/1000000" --chunks 24 --repeats 11)"
  record gyre "$run" "$line"
  echo "  gyre merge of 24 profiles (1M rows): median $("$py" -c 'import json, sys; print(json.loads(sys.argv[1])["median_ms"])' "$line") ms" >&2
done

# --- diagnostic: where Gyre's time goes at 1M (one thread, per column and phase) -----------------------------------
record gyre 0 "$("${bench[@]}" profile --dir "$out/data/1000000" --repeats 3)"

"$py" "$here/summarize.py" "$results"
