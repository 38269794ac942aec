/**
 * Which files generic rules skip: lockfiles (their integrity hashes look random), bundles, source maps,
 * snapshots and declared test fixtures. Provider rules still run there: a live key in a lockfile is real.
 */

const LOCKFILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lock",
  "deno.lock",
  "cargo.lock",
  "go.sum",
  "go.work.sum",
  "poetry.lock",
  "pipfile.lock",
  "pdm.lock",
  "uv.lock",
  "gemfile.lock",
  "composer.lock",
  "packages.lock.json",
  "paket.lock",
  "mix.lock",
  "pubspec.lock",
  "podfile.lock",
  "package.resolved",
  "flake.lock",
  "gradle.lockfile",
  "conan.lock",
  "cartfile.resolved",
  "manifest.toml",
  ".terraform.lock.hcl",
]);

/** Generated or bundled content: minified code, source maps, test snapshots, vendored certificates. */
const GENERATED = /(?:[.-]min\.(?:js|mjs|cjs|css)|\.(?:map|snap|lock|lockb|sum)|\.bundle\.js|\.chunk\.js)$/i;

/** Folders that hold declared test data. `test/` alone is not one: real code keeps real settings there. */
const FIXTURE_DIR =
  /(?:^|\/)(?:fixtures?|__fixtures__|testdata|test-data|test_data|__mocks__|__snapshots__)\//i;

/** Paths where generic rules never run: lockfiles, source maps, minified bundles, fixtures. */
export function isGenericExemptPath(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return LOCKFILES.has(name) || GENERATED.test(name) || FIXTURE_DIR.test(path);
}

/** A path under a declared fixture folder. */
export function isFixturePath(path: string): boolean {
  return FIXTURE_DIR.test(path);
}

const HEAD_BYTES = 16 * 1024;
const LONG_LINE = 1000;
const NEWLINE = 0x0a;
/** `;`, `(`, `)`, `{`, `}`: code punctuation, absent from a long base64 or JWT line. */
const CODE_PUNCTUATION = new Uint8Array(256);
for (const byte of [0x3b, 0x28, 0x29, 0x7b, 0x7d]) CODE_PUNCTUATION[byte] = 1;

/**
 * Content whose lines are too long to be hand-written: generic rules are skipped on it. Looks at the first
 * 16 KB only. A long line of base64 (a certificate, a JWT) is not code, so it does not count.
 */
export function looksMinified(data: Buffer): boolean {
  const head = data.subarray(0, HEAD_BYTES);
  if (head.length < LONG_LINE) return false;
  // Line lengths first, with native newline searches: most files have short lines and stop here.
  let lineStart = 0;
  let lines = 0;
  let longest = 0;
  for (let at = head.indexOf(NEWLINE); at !== -1; at = head.indexOf(NEWLINE, lineStart)) {
    lines++;
    longest = Math.max(longest, at - lineStart);
    lineStart = at + 1;
  }
  longest = Math.max(longest, head.length - lineStart);
  if (lineStart < head.length) lines++;
  const averageLine = head.length / Math.max(lines, 1);
  if (!(averageLine >= 300 || (longest >= 5 * LONG_LINE && lines <= 3))) return false;
  let punctuation = 0;
  for (const byte of head) if (CODE_PUNCTUATION[byte]) punctuation++;
  return punctuation / head.length >= 0.01;
}
