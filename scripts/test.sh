#!/usr/bin/env bash
# The whole test run: lint, types, the suite on this Node, then the suite again under Node 24
# (what GitHub runs actions on), with an RE2 binding built for it.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build --silent
npx biome check .
npx tsc -p tsconfig.json --noEmit
npx vitest run

# leakgate scans its own repository (rules/ and fixtures/ are allowed by path in .leakgate.yml).
node bin/leakgate.js scan . --quiet > /dev/null || { node bin/leakgate.js scan .; exit 1; }
