import { gitSucceeds, gitText } from "../sources/git.js";

/** The few questions the Action asks git about a runner's checkout, through src/sources/git.ts. */
export function git(cwd: string, args: string[]): Promise<string> {
  return gitText(cwd, args);
}

export function gitOk(cwd: string, args: string[]): Promise<boolean> {
  return gitSucceeds(cwd, args);
}

export function hasCommit(cwd: string, sha: string): Promise<boolean> {
  return gitOk(cwd, ["cat-file", "-e", `${sha}^{commit}`]);
}

export async function isShallow(cwd: string): Promise<boolean> {
  return (await git(cwd, ["rev-parse", "--is-shallow-repository"])) === "true";
}

/**
 * In container jobs the workspace belongs to another user, and git refuses it as "dubious ownership"
 * unless it is marked safe. Configuration from the environment counts as the command line, which git
 * trusts for this, and every git that leakgate starts inherits it.
 */
export function trustWorkspace(workspace: string, env: NodeJS.ProcessEnv = process.env): void {
  const count = Number(env.GIT_CONFIG_COUNT ?? 0) || 0;
  env[`GIT_CONFIG_KEY_${count}`] = "safe.directory";
  env[`GIT_CONFIG_VALUE_${count}`] = workspace;
  env.GIT_CONFIG_COUNT = String(count + 1);
}
