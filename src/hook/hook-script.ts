/** The shell text leakgate writes into hook files. */

export type HookName = "pre-commit" | "pre-push";

export const HOOK_MARKER = "# leakgate hook";
export const HUSKY_MARKER = "# leakgate";
/**
 * An existing hook that leakgate found in its place is kept under this name and run first. A hook found
 * later (another tool replaced leakgate's) is kept as `…-2`, `…-3`: all of them run, oldest first.
 */
export const CHAINED_SUFFIX = ".leakgate-chained";

/** The name of the n-th chained hook (1 is the first one kept). */
export function chainedName(hook: string, n: number): string {
  return n === 1 ? `${hook}${CHAINED_SUFFIX}` : `${hook}${CHAINED_SUFFIX}-${n}`;
}

/** How the hook finds leakgate: the project's own install, then PATH, then the one that installed it. */
function runnerFunction(fallback: string[]): string {
  const quoted = fallback.map(shellQuote).join(" ");
  return `leakgate_run() {
  top=$(git rev-parse --show-toplevel)
  if [ -x "$top/node_modules/.bin/leakgate" ]; then "$top/node_modules/.bin/leakgate" "$@"
  elif command -v leakgate >/dev/null 2>&1; then command leakgate "$@"
  else ${quoted} "$@"; fi
}`;
}

/** Runs every chained hook in order (`run` runs the one at `$chained`), stopping at the first failure. */
function chainLoop(hook: HookName, run: string): string {
  return `n=1
chained="$hooks/${hook}${CHAINED_SUFFIX}"
while [ -e "$chained" ]; do
  if [ -x "$chained" ]; then ${run} || exit $?; fi
  n=$((n + 1))
  chained="$hooks/${hook}${CHAINED_SUFFIX}-$n"
done`;
}

/** Git gives a pre-push hook the pushed refs on stdin; the chained hooks and leakgate all read them. */
const PRE_PUSH_BODY = `input=$(cat)
${chainLoop("pre-push", `printf '%s\\n' "$input" | "$chained" "$@"`)}
printf '%s\\n' "$input" | leakgate_run pre-push "$@"`;

const PRE_COMMIT_BODY = `${chainLoop("pre-commit", `"$chained" "$@"`)}
leakgate_run staged --hook`;

/** A whole hook file for `.git/hooks` (or core.hooksPath). `fallback` is the command that installed it. */
export function hookScript(hook: HookName, fallback: string[]): string {
  return `#!/bin/sh
${HOOK_MARKER}: ${hook} (installed by \`leakgate install\`; remove with \`leakgate uninstall\`)
hooks="$(dirname "$0")"
${runnerFunction(fallback)}
${hook === "pre-commit" ? PRE_COMMIT_BODY : PRE_PUSH_BODY}
`;
}

/** The line added to a husky hook file; husky puts node_modules/.bin on PATH. */
export function huskyLine(hook: HookName): string {
  return hook === "pre-commit"
    ? `leakgate staged --hook ${HUSKY_MARKER}`
    : `leakgate pre-push "$@" ${HUSKY_MARKER}`;
}

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * What uninstall leaves when it chained several hooks: a plain hook that runs them in order, so that
 * none is lost (one alone is simply renamed back).
 */
export const CHAIN_RUNNER_MARKER = "# leakgate chain runner";

export function chainRunnerScript(hook: HookName): string {
  return `#!/bin/sh
${CHAIN_RUNNER_MARKER}: runs the hooks that were here before \`leakgate install\`, oldest first.
hooks="$(dirname "$0")"
${hook === "pre-commit" ? chainLoop(hook, `"$chained" "$@"`) : `input=$(cat)\n${chainLoop(hook, `printf '%s\\n' "$input" | "$chained" "$@"`)}`}
`;
}
