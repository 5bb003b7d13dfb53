#!/usr/bin/env bash
# Builds the axion-tiles the README's commands run: a ReadyToRun build of the CLI for linux-x64 (framework-dependent:
# the .NET 10 runtime of the SDK runs it), so a process starts from precompiled code instead of JIT-compiling its
# start-up path (measured in docs/benchmarks.md#cold-start). Prints nothing; later runs only rebuild what changed.
#   bash scripts/publish.sh     # then: dotnet src/Axion.TileBuilder.Cli/bin/Release/net10.0/linux-x64/publish/axion-tiles.dll
# The tests build the usual IL-only Release build (scripts/test.sh); both come from the same sources.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet publish src/Axion.TileBuilder.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -nologo -v quiet
