#!/usr/bin/env bash
# CI check: rebuilds the Action's bundle into a temp folder and fails when dist/ differs from it.
# The JavaScript (index.js, licenses.txt, package.json) must match byte for byte. The RE2 binding is
# native code that a rebuild on another machine may not reproduce byte for byte, so it is checked
# against the checksum recorded beside it (dist/re2-linux-x64-node24.node.sha256) and must load under
# Node 24; a rebuilt binding that differs only earns a notice.
set -euo pipefail
cd "$(dirname "$0")/.."

binding=re2-linux-x64-node24.node
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

node scripts/package-action.mjs "$out" >/dev/null

status=0
if ! diff -r -q --exclude="$binding" --exclude="$binding.sha256" dist "$out" >/dev/null; then
  echo "check-dist: dist/ is out of date. Run \`npm run package\` and commit dist/." >&2
  diff -r -q --exclude="$binding" --exclude="$binding.sha256" dist "$out" >&2 || true
  status=1
fi

if ! (cd dist && sha256sum --quiet -c "$binding.sha256"); then
  echo "check-dist: dist/$binding does not match dist/$binding.sha256. Run \`npm run package\` and commit dist/." >&2
  status=1
fi
node24="$(bash scripts/ensure-node24.sh)"
if ! "$node24" -e 'const m = { exports: {} }; process.dlopen(m, process.argv[1]); new m.exports("a+").test("aa") || process.exit(1)' "$(pwd)/dist/$binding"; then
  echo "check-dist: dist/$binding does not load under Node 24" >&2
  status=1
fi
if ! cmp -s "dist/$binding" "$out/$binding"; then
  echo "check-dist: notice: the rebuilt RE2 binding differs byte for byte from dist/$binding (native builds are not reproducible across machines); the committed one is verified by checksum." >&2
fi

[[ $status -eq 0 ]] && echo "check-dist: dist/ is up to date"
exit "$status"
