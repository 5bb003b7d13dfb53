#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds, and runs `axion-tiles demo`, which
# starts the embedded local catalog for samples/locations.csv and builds training tiles from it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build src/Axion.TileBuilder.Cli -c Release -nologo -v quiet
exec dotnet src/Axion.TileBuilder.Cli/bin/Release/net10.0/axion-tiles.dll demo "$@"
