#!/usr/bin/env bash
# The whole test run: lint, types, the suite on this Node, then the suite again under Node 24
# (what GitHub runs actions on), with an RE2 binding built for it.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build --silent
npx biome check .
npx tsc -p tsconfig.json --noEmit
npx vitest run

# Node 24, what GitHub runs actions on: the same suite, with an RE2 binding built for its ABI.
node24="$(bash scripts/ensure-node24.sh)"
binding="$(bash scripts/build-re2-node24.sh)"
echo "Running the suite again under $("$node24" --version)"
# The pre-commit framework test is about packaging, not the Node version: once is enough.
LEAKGATE_SKIP_SLOW=1 LEAKGATE_RE2_BINDING="$binding" "$node24" node_modules/vitest/vitest.mjs run

# The Action's bundle must be what src/ builds (rebuild it with `npm run package`).
bash scripts/check-dist.sh

# leakgate scans its own repository (rules/ and fixtures/ are allowed by path in .leakgate.yml).
node bin/leakgate.js scan . --quiet > /dev/null || { node bin/leakgate.js scan .; exit 1; }
