import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import {
  CHAINED_SUFFIX,
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
 * husky runs), else core.hooksPath when set, else git's own hooks folder (shared by all worktrees).
 */
export async function locateHook(git: GitQuery, hook: HookName): Promise<HookLocation> {
  const top = await git(["rev-parse", "--show-toplevel"]);
  const hooksPath = await git(["config", "--get", "core.hooksPath"]);
  const husky = join(top, ".husky");
  if (
    hooksPath.replace(/\\/g, "/").replace(/^\.\//, "").startsWith(".husky") ||
    existsSync(join(husky, "_"))
  ) {
    return { kind: "husky", file: join(husky, hook) };
  }
  if (hooksPath)
    return { kind: "git", file: join(isAbsolute(hooksPath) ? hooksPath : resolve(top, hooksPath), hook) };
  const gitHooks = await git(["rev-parse", "--git-path", "hooks"]);
  return { kind: "git", file: join(isAbsolute(gitHooks) ? gitHooks : resolve(top, gitHooks), hook) };
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
  if (existing !== undefined) {
    renameSync(location.file, `${location.file}${CHAINED_SUFFIX}`);
    outcome = "chained";
  }
  writeFileSync(location.file, script);
  chmodSync(location.file, 0o755);
  return outcome;
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
  const chained = `${location.file}${CHAINED_SUFFIX}`;
  if (existsSync(chained)) {
    renameSync(chained, location.file);
    return "restored";
  }
  return "removed";
}
