#!/usr/bin/env bash
# Installs what axion-tiles needs on Debian 12 when it is missing, then does nothing on later runs.
#   GDAL runtime + tools (libgdal32, gdal-bin), proj data, numpy for the numpy consumer tests,
#   and (with --test-tools) chromium for the headless test of the HTML report.
# Needs root or sudo for apt-get. Safe to run repeatedly.
#   --test-tools   also what only the tests need (chromium for the headless report test)
set -euo pipefail
test_tools=0
[ "${1:-}" = "--test-tools" ] && test_tools=1

need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libgdal\.so\.3[2-9]' || have_lib 'libgdal\.so ' || need+=(libgdal32)
command -v gdalinfo >/dev/null 2>&1 || need+=(gdal-bin)
[ -f /usr/share/proj/proj.db ] || need+=(proj-data)
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || need+=(python3-numpy)
[ "$test_tools" -eq 0 ] || [ -x /usr/bin/chromium ] || need+=(chromium)

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
