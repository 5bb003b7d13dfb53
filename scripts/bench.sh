#!/usr/bin/env bash
# The benchmark of docs/benchmarks.md, in one command:
#   bash scripts/bench.sh                      # 166 rows, 8 workers, 50 ms per request, 3 runs
#   bash scripts/bench.sh --rows 40 --runs 1   # quicker look; every option: bash scripts/bench.sh --help
#   bash scripts/bench.sh --bookkeeping-only   # only "Bookkeeping at scale" (scripts/bench-bookkeeping.sh, also run after the main one)
# Installs what is missing (GDAL, gdal_translate), builds in Release, generates the full-size (10980 px)
# synthetic world once (cached under $AXION_CACHE_DIR or ~/.cache/axion-tiles/worlds: about 12 GB and
# 10-30 minutes on 2 cores the first time), then prints the Markdown table of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--bookkeeping-only" ]]; then
  shift
  exec bash scripts/bench-bookkeeping.sh "$@"
fi
bash scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build src/Axion.TileBuilder.Cli -c Release -nologo -v quiet
dotnet build bench/Axion.TileBuilder.Bench -c Release -nologo -v quiet
dotnet bench/Axion.TileBuilder.Bench/bin/Release/net10.0/axion-bench.dll \
  --cli src/Axion.TileBuilder.Cli/bin/Release/net10.0/axion-tiles.dll --world bench/world.csv "$@"
bash scripts/bench-bookkeeping.sh
