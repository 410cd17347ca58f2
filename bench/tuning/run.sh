#!/usr/bin/env bash
# Tuning benchmark (issue 7): Gyre's TPE and random samplers against Debian's python3-optuna 3.1 (default TPE,
# TPESampler(seed=s), and RandomSampler(seed=s)) on Branin (2-d), Hartmann6 (6-d) and Rosenbrock-10 (10-d, [-5,10]^10):
# median best value after 25/50/100 trials over SEEDS seeds, and each sampler's overhead per trial (wall time of
# optimize minus time in the function) at TRIALS and at LONG_TRIALS trials; then LightGBM tuned on datasets/adult for
# ADULT_TRIALS trials of Gyre TPE against LightGBM's default hyperparameters on the same test split. See README.md.
# Usage: bench/tuning/run.sh   Environment: SEEDS (default 10), TRIALS (100), LONG_TRIALS (1000; 0 = skip),
#   LONG_SEEDS (1), ADULT_TRIALS (30; 0 = skip), FUNCTIONS (branin,hartmann6,rosenbrock10: the goal functions; extras,
#   not in the goal: ackley5, rastrigin5, styblinski5, hartmann6_noisy). Quick check: SEEDS=2 LONG_TRIALS=200
#   ADULT_TRIALS=5 bench/tuning/run.sh. Extras: SEEDS=100 LONG_TRIALS=0 ADULT_TRIALS=0
#   FUNCTIONS=ackley5,rastrigin5,styblinski5,hartmann6_noisy bench/tuning/run.sh
# The last line printed is (best_le_optuna counts only the three goal functions):
#   tuning: best_le_optuna=K/3 overhead_ratio_100=X overhead_ratio_1000=X adult_gain_auc=X
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3   # Debian's Python with python3-optuna 3.1, never the python3 on PATH
seeds="${SEEDS:-10}"
trials="${TRIALS:-100}"
long_trials="${LONG_TRIALS:-1000}"
long_seeds="${LONG_SEEDS:-1}"
adult_trials="${ADULT_TRIALS:-30}"
functions="${FUNCTIONS:-branin,hartmann6,rosenbrock10}"

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) echo "run.sh: no arguments expected (got '$1'); use the environment variables" >&2; usage >&2; exit 2 ;;
esac
for pair in "SEEDS=$seeds" "TRIALS=$trials" "LONG_SEEDS=$long_seeds"; do
  [[ "${pair#*=}" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: ${pair%%=*} must be a positive integer, got '${pair#*=}'" >&2; exit 2; }
done
for pair in "LONG_TRIALS=$long_trials" "ADULT_TRIALS=$adult_trials"; do
  [[ "${pair#*=}" =~ ^[0-9]+$ ]] || { echo "run.sh: ${pair%%=*} must be a non-negative integer, got '${pair#*=}'" >&2; exit 2; }
done

# --- prerequisites: Debian packages, installed when missing --------------------------------------------------
missing=()
for package in python3-optuna; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "run.sh: installing ${missing[*]} (apt-get)" >&2
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); elif command -v sudo >/dev/null; then apt_get=(sudo apt-get)
  else echo "run.sh: not root and no sudo: apt-get install ${missing[*]}" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" >&2
fi
"$py" -c 'import optuna' || { echo "run.sh: $py cannot import optuna" >&2; exit 1; }
# FUNCTIONS is checked against optuna_bench.py's list (the one list of names on the Python side) before anything runs.
if ! check=$("$py" "$here/optuna_bench.py" --functions "$functions" --check 2>&1); then
  echo "run.sh: FUNCTIONS: ${check##*error: }" >&2; exit 2
fi

out="$here/out"
mkdir -p "$out/logs"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "$("$py" -c 'import optuna, sys; print("python", sys.version.split()[0], "optuna", optuna.__version__)');" \
     ".NET $(dotnet --version)" >&2
if "$py" -c "import os, sys; sys.exit(0 if os.getloadavg()[0] > 0.5 * os.cpu_count() else 1)"; then
  echo "run.sh: warning: the machine is busy (load average $(cut -d' ' -f1 /proc/loadavg)); overhead figures will be noisy" >&2
fi

# --- build: TuningBench in Release (TieredPGO), with Gyre.Tuning and Gyre.Training as they are in the tree ---------
rm -rf "$out/bench-bin"
dotnet build "$here/TuningBench" -c Release -o "$out/bench-bin" --nologo -v quiet > "$out/logs/build.log" 2>&1 \
  || { cat "$out/logs/build.log" >&2; echo "run.sh: TuningBench did not build" >&2; exit 1; }
bench=("$out/bench-bin/tuning-bench")

# --- the test functions: Optuna, then Gyre (sequential: each side has the machine to itself) ---------------------
common=(--seeds "$seeds" --trials "$trials" --long-trials "$long_trials" --long-seeds "$long_seeds" --functions "$functions")
echo "== Optuna: ${seeds} seeds x ${trials} trials per function and sampler; long TPE runs: ${long_seeds} x ${long_trials} trials per function; functions ${functions}" >&2
"$py" "$here/optuna_bench.py" "${common[@]}" > "$out/optuna.json"
echo "== Gyre: the same" >&2
"${bench[@]}" functions "${common[@]}" > "$out/gyre.json"

# --- LightGBM on adult ---------------------------------------------------------------------------------------------
adult=()
rm -f "$out/adult.json"
if (( adult_trials > 0 )); then
  echo "== adult: LightGBM, ${adult_trials} trials (inner holdout AUC) vs default hyperparameters, test AUC" >&2
  "${bench[@]}" adult --data "$repo/datasets/adult/adult.csv" --trials "$adult_trials" > "$out/adult.json"
  adult=("$out/adult.json")
fi

echo >&2
"$py" "$here/compare.py" "$out/optuna.json" "$out/gyre.json" "${adult[@]}" --json "$out/summary.json"
