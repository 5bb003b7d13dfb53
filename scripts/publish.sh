#!/usr/bin/env bash
# Builds the axion-tiles that the README's commands run (scripts/demo.sh, scripts/bench.sh) and prints the path of its
# axion-tiles.dll (run it with `dotnet`): a ReadyToRun build of the CLI for linux-x64, framework-dependent (the .NET 10
# runtime of the SDK runs it), so a process starts from precompiled code instead of JIT-compiling its start-up path
# (docs/benchmarks.md#cold-start). It builds under ./artifacts, apart from the usual IL-only Release build of
# `dotnet build` and scripts/test.sh, so neither rebuilds the other; later runs only rebuild what changed.
#   dotnet "$(bash scripts/publish.sh)" --help
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet publish src/Axion.TileBuilder.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  --artifacts-path artifacts -nologo -v quiet >&2
echo "$PWD/artifacts/publish/Axion.TileBuilder.Cli/release_linux-x64/axion-tiles.dll"
