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
# One `dotnet test` per test project, two at a time, each with its own results folder: xunit names its TRX file
# after the clock, and two assemblies starting together once wrote the same name (one report lost, its tests uncounted).
find tests -name '*.Tests.csproj' | sort | xargs -P 2 -I '{}' sh -c \
  'dotnet test --project "$1" -c Release --no-build --results-directory "$2/$(basename "$1" .csproj)" --report-xunit-trx' _ '{}' "$results"
status=$?
expected=$(find tests -name '*.Tests.csproj' | wc -l)
reports=$(find "$results" -name '*.trx' | wc -l)
if [[ $reports -ne $expected ]]; then
  echo "test.sh: $reports test reports for $expected test projects (a project did not run or wrote no report)"
  status=1
fi
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
