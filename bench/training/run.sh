#!/usr/bin/env bash
# Training benchmark: Gyre's default trainers (lightgbm, fasttree) against scikit-learn peers
# (seed-recipe RandomForest, HistGradientBoosting) on the same stratified 80/20 split, same machine,
# one run. See README.md. Usage: bench/training/run.sh [--repeats N] [--datasets adult,fraud]
# The last line printed is:
#   training: auc_gyre=X auc_hgb=X auc_rf=X auc_gap_vs_hgb=X fit_ratio_vs_rf=X   (fraud data)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3   # Debian's Python with scikit-learn 1.2.1, never the python3 on PATH
repeats=3
datasets="adult,fraud"
fraud_rows=100000
fraud_seed=7

usage() { sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeats) repeats="${2:?--repeats needs a value}"; shift 2 ;;
    --datasets) datasets="${2:?--datasets needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ "$repeats" =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: --repeats must be a positive integer, got '$repeats'" >&2; exit 2
fi
if [[ ",$datasets," != *",fraud,"* ]]; then
  echo "run.sh: --datasets must include fraud (the summary line is measured on it)" >&2; exit 2
fi

if [[ ! -x "$py" ]] || ! "$py" -c 'import sklearn, pandas, numpy' 2>/dev/null; then
  echo "run.sh: $py with scikit-learn, pandas and numpy is required." >&2
  echo "        Install it with: sudo apt-get install python3-sklearn python3-pandas" >&2
  exit 1
fi
if [[ ! -x "$repo/gyre" ]]; then
  echo "run.sh: $repo/gyre not found" >&2; exit 1
fi

out="$here/out"
mkdir -p "$out"
export GYRE_HOME="$out/gyre-home"   # keep benchmark runs out of the user's workspace
results="$out/results.jsonl"
: > "$results"

cd "$repo"
echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "sklearn $("$py" -c 'import sklearn; print(sklearn.__version__)')" >&2
if "$py" -c "import os, sys; sys.exit(0 if os.getloadavg()[0] > 0.5 * os.cpu_count() else 1)"; then
  echo "run.sh: warning: the machine is busy (load average $(cut -d' ' -f1 /proc/loadavg)); fit times will be noisy" >&2
fi
./gyre --help > /dev/null   # build once up front so a build failure stops the run early
# Every gyre call of the run uses one build: a snapshot of what ./gyre just built, so sources edited
# during the run cannot change the binary between repeats.
if [[ -f "$repo/.gyre-bin/gyre.dll" ]]; then
  rm -rf "$out/gyre-bin"
  cp -r "$repo/.gyre-bin" "$out/gyre-bin"
  gyre() { dotnet "$out/gyre-bin/gyre.dll" "$@"; }
else
  gyre() { "$repo/gyre" "$@"; }
fi
notes=()
gyre_has_ignore=0
train_help="$(gyre train --help 2>&1 || true)"
if [[ "$train_help" == *--ignore* ]]; then gyre_has_ignore=1; fi

now() { date +%s.%N; }

for dataset in ${datasets//,/ }; do
  case "$dataset" in
    adult)
      data="$repo/datasets/adult/adult.csv"; label=income; positive='>50K'; na_values='?'; ignore='' ;;
    fraud)
      # transaction_id is a unique row id and timestamp a raw date-time (hour_of_day and day_of_week
      # are already columns): no tool learns from them.
      data="$out/fraud/fraud.csv"; label=is_fraud; positive=1; na_values=''; ignore='transaction_id,timestamp'
      mkdir -p "$out/fraud"
      echo "[$dataset] generating $fraud_rows rows (seed $fraud_seed)" >&2
      gyre data synth fraud --rows "$fraud_rows" --seed "$fraud_seed" --output "$data" > /dev/null ;;
    *) echo "run.sh: unknown dataset '$dataset' (known: adult, fraud)" >&2; exit 2 ;;
  esac
  dir="$out/$dataset"
  gyre_ignore=()
  if [[ -n "$ignore" ]]; then
    if [[ $gyre_has_ignore -eq 1 ]]; then
      for column in ${ignore//,/ }; do gyre_ignore+=(--ignore "$column"); done
    else
      notes+=("note: [$dataset] the peers ignore $ignore; \`gyre train\` has no --ignore option, so Gyre used them")
    fi
  fi
  echo "[$dataset] split: $("$py" "$here/split.py" --data "$data" --label "$label" --out-dir "$dir")" >&2

  for ((rep = 1; rep <= repeats; rep++)); do
    seed=$((rep - 1))
    echo "[$dataset] repeat $rep/$repeats: sklearn peers" >&2
    "$py" "$here/peers.py" --train "$dir/train.csv" --test "$dir/test.csv" --label "$label" \
      --positive "$positive" --na-values "$na_values" --drop "$ignore" --seed "$seed" --dataset "$dataset" >> "$results"
    for trainer in lightgbm fasttree; do
      echo "[$dataset] repeat $rep/$repeats: gyre $trainer" >&2
      raw="$dir/gyre-$trainer-$rep.json"
      started=$(now)
      if ! gyre train --data "$dir/train.csv" --test "$dir/test.csv" --label "$label" --task binary \
             --trainer "$trainer" --positive-class "$positive" --folds 0 --seed "$seed" ${gyre_ignore[@]+"${gyre_ignore[@]}"} \
             --json > "$raw"; then
        echo "run.sh: gyre train failed ($dataset, $trainer); its stdout is in $raw" >&2; exit 1
      fi
      wall=$("$py" -c "print(round($(now) - $started, 3))")
      "$py" "$here/summarize.py" gyre-record --dataset "$dataset" --tool "gyre_$trainer" --seed "$seed" \
        --input "$raw" --wall-seconds "$wall" >> "$results"
      if [[ $rep -eq 1 ]]; then   # trust but verify: Gyre's own metrics against scikit-learn's
        model="$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["model_path"])' "$raw")"
        gyre predict --model "$model" --input "$dir/test.csv" --output "$dir/gyre-$trainer-predictions.csv" > /dev/null
        echo "[$dataset] $("$py" "$here/summarize.py" check-scores --gyre-json "$raw" \
          --predictions "$dir/gyre-$trainer-predictions.csv" --label "$label" --positive "$positive")" >&2
      fi
    done
  done
done

for note in ${notes[@]+"${notes[@]}"}; do echo "$note"; done
"$py" "$here/summarize.py" report --results "$results" --summary-dataset fraud
