import { spawnSync } from "node:child_process";

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the compiled `leakgate` CLI as a user would, in `cwd`. */
export function runCli(
  args: string[],
  options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv },
): CliRun {
  const bin = process.env.LEAKGATE_TEST_BIN;
  if (!bin)
    throw new Error("LEAKGATE_TEST_BIN is not set: run the tests through vitest (test/global-setup.ts)");
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    input: options.input,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
