#!/usr/bin/env bash
# Installs what axion-tiles needs on Debian 12 when it is missing, then does nothing on later runs.
#   GDAL runtime + tools (libgdal32, gdal-bin), proj data, numpy for the numpy consumer tests,
#   and (with --test-tools) chromium for the headless test of the HTML report, Node.js and the
#   storage emulators Azurite and s3rver (npm) for the output-store tests.
# Needs root or sudo for apt-get. Safe to run repeatedly; offline once everything is installed.
#   --test-tools   also what only the tests need (chromium, nodejs + npm, azurite, s3rver)
#   --bench-tools  also what only the benchmark needs (Debian's python3-rasterio for its rasterio peer)
set -euo pipefail
test_tools=0
bench_tools=0
for arg in "$@"; do
  case "$arg" in
    --test-tools) test_tools=1 ;;
    --bench-tools) bench_tools=1 ;;
    *) echo "setup: unknown option $arg (--test-tools, --bench-tools)" >&2; exit 2 ;;
  esac
done

need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libgdal\.so\.3[2-9]' || have_lib 'libgdal\.so ' || need+=(libgdal32)
command -v gdalinfo >/dev/null 2>&1 || need+=(gdal-bin)
[ -f /usr/share/proj/proj.db ] || need+=(proj-data)
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || need+=(python3-numpy)
[ "$bench_tools" -eq 0 ] || /usr/bin/python3 -c 'import rasterio' >/dev/null 2>&1 || need+=(python3-rasterio)
[ "$test_tools" -eq 0 ] || [ -x /usr/bin/chromium ] || need+=(chromium)
[ "$test_tools" -eq 0 ] || command -v node >/dev/null 2>&1 || need+=(nodejs)
[ "$test_tools" -eq 0 ] || command -v npm >/dev/null 2>&1 || need+=(npm)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]} with apt-get" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root (or sudo) to apt-get install ${need[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK is required (dotnet not found on PATH)" >&2; exit 1; }

# The storage emulators of the output-store tests (tests/Axion.TileBuilder.Storage.Tests), installed with npm
# into the cache (the tests look in the same folder: $AXION_TEST_TOOLS_DIR, else
# ${AXION_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/axion-tiles}/test-tools/node). Nothing is fetched when
# both are already there at these versions.
if [ "$test_tools" -eq 1 ]; then
  azurite_version=3.37.0
  s3rver_version=3.7.1
  tools_dir="${AXION_TEST_TOOLS_DIR:-${AXION_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/axion-tiles}/test-tools/node}"
  installed_version() { node -p "require('$tools_dir/node_modules/$1/package.json').version" 2>/dev/null || true; }
  if [ "$(installed_version azurite)" != "$azurite_version" ] || [ "$(installed_version s3rver)" != "$s3rver_version" ] \
     || [ ! -x "$tools_dir/node_modules/.bin/azurite-blob" ] || [ ! -x "$tools_dir/node_modules/.bin/s3rver" ]; then
    echo "setup: installing azurite@$azurite_version and s3rver@$s3rver_version with npm into $tools_dir" >&2
    mkdir -p "$tools_dir"
    npm install --no-audit --no-fund --loglevel=error --prefix "$tools_dir" "azurite@$azurite_version" "s3rver@$s3rver_version" >&2
  fi
fi
