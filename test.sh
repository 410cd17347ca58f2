#!/usr/bin/env bash
# Runs Gyre's whole test suite and ends with one line: "N passed, N failed, N skipped".
# Exit code: 0 when every test passed (and at least one ran), 1 otherwise.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
results="$repo/TestResults"
rm -rf "$results"
"$repo/tools/install-test-deps.sh" || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet build Gyre.slnx -c Release --nologo -v quiet || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet test --solution Gyre.slnx -c Release --no-build --results-directory "$results" --report-xunit-trx
status=$?
counts=$(find "$results" -name '*.trx' -print0 | xargs -0 -r awk '
  /<Counters / {
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^passed=/)       { gsub(/[^0-9]/, "", $i); p += $i }
      if ($i ~ /^(failed|error|timeout|aborted)=/) { gsub(/[^0-9]/, "", $i); f += $i }
      if ($i ~ /^notExecuted=/)  { gsub(/[^0-9]/, "", $i); s += $i }
    }
  }
  END { printf "%d %d %d", p, f, s }')
read -r passed failed skipped <<<"${counts:-0 0 0}"
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[[ $status -eq 0 && $passed -gt 0 && $failed -eq 0 ]]
