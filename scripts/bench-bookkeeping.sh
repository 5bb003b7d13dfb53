#!/usr/bin/env bash
# The "Bookkeeping at scale" benchmark of docs/benchmarks.md, on its own (scripts/bench.sh runs it after the main one):
#   bash scripts/bench-bookkeeping.sh                 # 400,000 tiles vs none; status/merge over 10,000, 30,000 and 100,000 rows; plan over 500 and 2,000
#   bash scripts/bench-bookkeeping.sh --runs 9        # every option: bash scripts/bench-bookkeeping.sh --help
# About 5-10 minutes on 2 cores once plan's world (the main benchmark's 10 980 px world) is cached; generating it the
# first time takes about 10 more minutes. Needs about 1 GB in /tmp (400,000 empty files, a 100,000-row journal and its
# merged index) and writes the big journals in /dev/shm first. Prints the Markdown tables and keeps them in
# bench/bookkeeping-last-run.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
cli=$(bash scripts/publish.sh)
dotnet build bench/Axion.TileBuilder.Bench -c Release -nologo -v quiet
exec dotnet bench/Axion.TileBuilder.Bench/bin/Release/net10.0/axion-bench.dll bookkeeping \
  --cli "$cli" --world bench/world.csv \
  --report bench/bookkeeping-last-run.md "$@"
