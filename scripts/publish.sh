#!/usr/bin/env bash
# Builds the axion-tiles that the README's commands run (scripts/demo.sh, scripts/bench.sh) and prints the path of its
# axion-tiles.dll (run it with `dotnet`, or run the axion-tiles executable next to it): the publish profile linux-x64
# (src/Axion.TileBuilder.Cli/Properties/PublishProfiles/linux-x64.pubxml), self-contained with the .NET runtime and
# precompiled with it into one ReadyToRun composite image, so a process starts from precompiled code instead of
# JIT-compiling its start-up path (docs/benchmarks.md#cold-start). The container image is the same build. It builds
# under ./artifacts, apart from the usual IL-only Release build of `dotnet build` and scripts/test.sh, so neither
# rebuilds the other. The first run, and every run after a change to the code, takes about 3 minutes on 2 cores (the
# composite image is compiled again as a whole); a run with nothing changed takes seconds.
#   dotnet "$(bash scripts/publish.sh)" --help
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet publish src/Axion.TileBuilder.Cli -c Release -p:PublishProfile=linux-x64 --artifacts-path artifacts -nologo -v quiet >&2
echo "$PWD/artifacts/publish/Axion.TileBuilder.Cli/release_linux-x64/axion-tiles.dll"
