#!/usr/bin/env bash
# Builds the RE2 binding for Node 24 into .cache/re2-node24/build/Release/re2.node (idempotent: an
# existing binding that loads under Node 24 is kept) and prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."

node24="$(bash scripts/ensure-node24.sh)"
n24="$(cd "$(dirname "$node24")/.." && pwd)"
out=.cache/re2-node24
binding="$out/build/Release/re2.node"

loads() {
  [[ -f "$binding" ]] && "$node24" -e 'process.dlopen({ exports: {} }, process.argv[1])' "$(pwd)/$binding" 2>/dev/null
}

if ! loads; then
  rm -rf "$out"
  cp -R node_modules/re2 "$out"
  rm -rf "$out/build"
  root="$(pwd)"
  # Under `npm test`, npm exports its own nodedir (this machine's npmrc says /usr, Node 20's headers) as
  # npm_config_nodedir, and node-gyp prefers that to --nodedir: point both at Node 24.
  (cd "$out" && PATH="$n24/bin:$PATH" npm_config_nodedir="$n24" \
    "$node24" "$root/node_modules/node-gyp/bin/node-gyp.js" rebuild -j 2 --nodedir="$n24" >&2)
  loads || { echo "build-re2-node24: the built binding does not load under Node 24" >&2; exit 1; }
fi
echo "$(pwd)/$binding"
