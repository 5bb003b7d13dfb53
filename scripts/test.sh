#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, runs the whole test suite and
# prints one summary line "tests: N passed, M failed" (read from the TRX results).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --test-tools
# Where setup.sh put the emulators, fixed for the whole run: some CLI tests point AXION_CACHE_DIR of the test
# process elsewhere, and the emulator fixtures must not follow it (keep in step with setup.sh).
export AXION_TEST_TOOLS_DIR="${AXION_TEST_TOOLS_DIR:-${AXION_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/axion-tiles}/test-tools/node}"
export AXION_PYTHON="${AXION_PYTHON:-/usr/bin/python3}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$PWD/TestResults"
rm -rf "$results"
dotnet build Axion.TileBuilder.sln -c Release -nologo -v quiet
set +e
dotnet test Axion.TileBuilder.sln -c Release --no-build -nologo -v quiet \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@"
rc=$?
set -e
trx_sum() {
  # Sum the counters of every TRX file (one per test project).
  local passed=0 failed=0 total=0 p f t
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    line=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$line")
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$line")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); total=$((total + ${t:-0}))
  done
  echo "$passed $failed $total"
}
read -r passed failed total < <(trx_sum)
notrun=$((total - passed - failed))
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$total" -eq 0 ]; then echo "test.sh: no tests ran" >&2; failed=1; fi
echo "tests: $passed passed, $failed failed"
[ "$notrun" -gt 0 ] && echo "test.sh: $notrun tests were not run (skipped or not executed): that is a defect" >&2 && exit 1
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
