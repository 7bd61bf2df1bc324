#!/usr/bin/env bash
# Mutation testing of the core package (src/AmazonFulfillment) against its unit tests (tests/AmazonFulfillment.Tests).
# Scope and thresholds are in stryker-config.json beside this script; reports go to tests/mutation/StrykerOutput (not in git).
# Takes tens of minutes on two cores, so it is not part of .ci/run.
#   tests/mutation/run.sh                 # the configured scope
#   tests/mutation/run.sh -m '**/Money.cs' # extra arguments go to dotnet stryker (here: one file only)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# STRYKER_CONFIG: another config file (for instance a copy with "coverage-analysis": "off" for a rerun of survivors).
config="$(cd "$(dirname "${STRYKER_CONFIG:-$here/stryker-config.json}")" && pwd)/$(basename "${STRYKER_CONFIG:-stryker-config.json}")"

cd "$root"
dotnet tool restore   # dotnet-stryker, pinned in .config/dotnet-tools.json

cd "$root/tests/AmazonFulfillment.Tests"
exec nice -n 10 dotnet stryker \
  --config-file "$config" \
  --output "$here/StrykerOutput" \
  --concurrency 1 \
  --skip-version-check \
  "$@"
