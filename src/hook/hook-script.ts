/** The shell text leakgate writes into hook files. */

export type HookName = "pre-commit" | "pre-push";

export const HOOK_MARKER = "# leakgate hook";
export const HUSKY_MARKER = "# leakgate";
/** An existing hook that leakgate found in its place is kept under this name and run first. */
export const CHAINED_SUFFIX = ".leakgate-chained";

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

/** Git gives a pre-push hook the pushed refs on stdin; both the chained hook and leakgate read them. */
const PRE_PUSH_BODY = `input=$(cat)
if [ -x "$chained" ]; then printf '%s\\n' "$input" | "$chained" "$@" || exit $?; fi
printf '%s\\n' "$input" | leakgate_run pre-push "$@"`;

const PRE_COMMIT_BODY = `if [ -x "$chained" ]; then "$chained" "$@" || exit $?; fi
leakgate_run staged --hook`;

/** A whole hook file for `.git/hooks` (or core.hooksPath). `fallback` is the command that installed it. */
export function hookScript(hook: HookName, fallback: string[]): string {
  return `#!/bin/sh
${HOOK_MARKER}: ${hook} (installed by \`leakgate install\`; remove with \`leakgate uninstall\`)
chained="$(dirname "$0")/${hook}${CHAINED_SUFFIX}"
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
