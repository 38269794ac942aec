import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import {
  CHAIN_RUNNER_MARKER,
  chainedName,
  chainRunnerScript,
  HOOK_MARKER,
  type HookName,
  HUSKY_MARKER,
  hookScript,
  huskyLine,
} from "./hook-script.js";

/** Runs git in the repository and returns its trimmed output ("" when the value is not set). */
export type GitQuery = (args: string[]) => Promise<string>;

export interface HookLocation {
  /** `husky`: a line in `.husky/<hook>`; `git`: a whole file in the hooks folder git uses. */
  kind: "husky" | "git";
  file: string;
}

export type InstallOutcome = "installed" | "chained" | "updated" | "already-installed";
export type UninstallOutcome = "removed" | "restored" | "not-installed";

/**
 * Where the hook belongs: husky's folder when the repository uses husky (its hook files are what
 * husky runs), else the hooks folder git itself uses: `git rev-parse --git-path hooks` resolves
 * core.hooksPath (`~`, relative paths) and linked worktrees exactly as git does.
 */
export async function locateHook(git: GitQuery, hook: HookName): Promise<HookLocation> {
  const top = await git(["rev-parse", "--show-toplevel"]);
  if (await usesHusky(git, top, hook)) return { kind: "husky", file: join(top, ".husky", hook) };
  // --git-path answers relative to the current folder: the top plus the prefix of where git runs.
  const cwd = join(top, await git(["rev-parse", "--show-prefix"]));
  const gitHooks = await git(["rev-parse", "--git-path", "hooks"]);
  return { kind: "git", file: join(resolve(cwd, gitHooks), hook) };
}

/**
 * husky runs the repository's hooks: core.hooksPath points into .husky (after `npm install`), or the
 * project says so before anyone ran it (a fresh clone): husky in package.json, or a tracked hook file
 * in .husky/.
 */
async function usesHusky(git: GitQuery, top: string, hook: HookName): Promise<boolean> {
  const hooksPath = await git(["config", "--get", "core.hooksPath"]);
  if (hooksPath.replace(/\\/g, "/").replace(/^\.\//, "").startsWith(".husky")) return true;
  if (existsSync(join(top, ".husky", "_"))) return true;
  if (declaresHusky(join(top, "package.json"))) return true;
  const tracked = await git(["ls-files", "--full-name", "--", ":/.husky/"]);
  const hooks = tracked.split("\n").map((path) => path.slice(".husky/".length));
  return hooks.includes("pre-commit") || hooks.includes(hook);
}

function declaresHusky(packageJson: string): boolean {
  if (!existsSync(packageJson)) return false;
  try {
    const manifest = JSON.parse(readFileSync(packageJson, "utf8")) as {
      dependencies?: Record<string, unknown>;
      devDependencies?: Record<string, unknown>;
      scripts?: Record<string, unknown>;
    };
    const prepare = manifest.scripts?.prepare;
    return (
      manifest.devDependencies?.husky !== undefined ||
      manifest.dependencies?.husky !== undefined ||
      (typeof prepare === "string" && /\bhusky\b/.test(prepare))
    );
  } catch {
    // A package.json that is not JSON says nothing about husky; npm will complain about it itself.
    return false;
  }
}

/** Idempotent: a second install changes nothing. An existing foreign hook is kept and run first. */
export function installHook(location: HookLocation, hook: HookName, fallback: string[]): InstallOutcome {
  mkdirSync(dirname(location.file), { recursive: true });
  const existing = existsSync(location.file) ? readFileSync(location.file, "utf8") : undefined;
  if (location.kind === "husky") {
    if (existing?.includes(HUSKY_MARKER)) return "already-installed";
    const prefix =
      existing === undefined || existing === "" ? "" : existing.endsWith("\n") ? existing : `${existing}\n`;
    writeFileSync(location.file, `${prefix}${huskyLine(hook)}\n`);
    chmodSync(location.file, 0o755);
    return "installed";
  }
  const script = hookScript(hook, fallback);
  if (existing?.includes(HOOK_MARKER)) {
    if (existing === script) return "already-installed";
    writeFileSync(location.file, script);
    return "updated";
  }
  let outcome: InstallOutcome = "installed";
  if (existing !== undefined && !existing.includes(CHAIN_RUNNER_MARKER)) {
    // Never overwrite a hook: one kept earlier stays, and this one runs after it.
    renameSync(location.file, chainedFile(location.file, chainedCount(location.file) + 1));
    outcome = "chained";
  }
  writeFileSync(location.file, script);
  chmodSync(location.file, 0o755);
  return outcome;
}

function chainedFile(hookFile: string, n: number): string {
  return join(dirname(hookFile), chainedName(basename(hookFile), n));
}

/** How many hooks leakgate has chained in front of its own (the hook script stops at the first gap). */
function chainedCount(hookFile: string): number {
  let n = 0;
  while (existsSync(chainedFile(hookFile, n + 1))) n += 1;
  return n;
}

/** Removes only what leakgate added, and puts back a hook it had chained. */
export function uninstallHook(location: HookLocation): UninstallOutcome {
  if (!existsSync(location.file)) return "not-installed";
  const existing = readFileSync(location.file, "utf8");
  if (location.kind === "husky") {
    if (!existing.includes(HUSKY_MARKER)) return "not-installed";
    const kept = existing
      .split("\n")
      .filter((line) => !line.includes(HUSKY_MARKER))
      .join("\n");
    if (kept.trim() === "") rmSync(location.file);
    else writeFileSync(location.file, kept);
    return "removed";
  }
  if (!existing.includes(HOOK_MARKER)) return "not-installed";
  rmSync(location.file);
  const chained = chainedCount(location.file);
  if (chained === 1) {
    renameSync(chainedFile(location.file, 1), location.file);
    return "restored";
  }
  if (chained > 1) {
    // Several hooks were kept: a plain hook runs them all, in order, as leakgate's did.
    writeFileSync(location.file, chainRunnerScript(hookName(location.file)));
    chmodSync(location.file, 0o755);
    return "restored";
  }
  return "removed";
}

function hookName(file: string): HookName {
  return basename(file) === "pre-push" ? "pre-push" : "pre-commit";
}
