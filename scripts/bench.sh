#!/usr/bin/env bash
# The benchmark of docs/benchmarks.md, in one command:
#   bash scripts/bench.sh                      # 166 rows, 8 workers, 50 ms per request, 3 runs
#   bash scripts/bench.sh --rows 40 --runs 1   # quicker look; every option: bash scripts/bench.sh --help
#   bash scripts/bench.sh --bookkeeping-only   # only "Bookkeeping at scale" (scripts/bench-bookkeeping.sh, also run after the main one)
#   bash scripts/bench.sh --smoke             # a minute's check that every measurement runs (no batch; not figures)
# Installs what is missing (GDAL, gdal_translate, python3-rasterio for the rasterio peer), builds the ReadyToRun CLI
# the README's commands run (scripts/publish.sh) and the benchmark in Release, generates the full-size (10980 px)
# synthetic world once (cached under $AXION_CACHE_DIR or ~/.cache/axion-tiles/worlds: about 12 GB and
# 10-30 minutes on 2 cores the first time), then prints the Markdown table of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--bookkeeping-only" ]]; then
  shift
  exec bash scripts/bench-bookkeeping.sh "$@"
fi
bash scripts/setup.sh --bench-tools
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Every process measured runs with glibc's malloc capped at 2 arenas, as the container image, the Slurm script and
# scripts/demo.sh run axion-tiles (docs/benchmarks.md, "Memory"); MALLOC_ARENA_MAX= bash scripts/bench.sh measures
# glibc's default. (The published CLI runs without tiered compilation by its own runtimeconfig.json: "Runtime settings".)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX-2}"
cli=$(bash scripts/publish.sh)
dotnet build bench/Axion.TileBuilder.Bench -c Release -nologo -v quiet
dotnet bench/Axion.TileBuilder.Bench/bin/Release/net10.0/axion-bench.dll \
  --cli "$cli" --world bench/world.csv --python /usr/bin/python3 --rasterio-peer bench/peers/rasterio_peer.py "$@"
for arg in "$@"; do [[ "$arg" == "--smoke" || "$arg" == "--help" || "$arg" == "-h" ]] && exit 0; done
bash scripts/bench-bookkeeping.sh
