#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds the ReadyToRun CLI (scripts/publish.sh), and runs
# `axion-tiles demo`, which starts the embedded local catalog for samples/locations.csv and builds training tiles from it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The malloc setting the container image and the Slurm script use (docs/benchmarks.md, "Runtime settings").
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX-2}"
cli=$(bash scripts/publish.sh)
exec dotnet "$cli" demo "$@"
