import { relative } from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../../errors.js";
import type { HookName } from "../../hook/hook-script.js";
import { installHook, locateHook } from "../../hook/install.js";
import { gitQuery } from "../../sources/git-query.js";
import type { CliIo } from "../io.js";

const HELP = `Usage: leakgate install [--hook pre-commit|pre-push]

Installs the leakgate git hook in this repository: in husky's .husky/ folder when the
repository uses husky, else in core.hooksPath, else in .git/hooks. An existing hook is
kept and runs first. Running it again changes nothing; \`leakgate uninstall\` removes it.

  pre-commit (default)  scans what is staged; blocks .env files, keys and secrets
  pre-push              scans every commit being pushed
`;

export function parseHookFlags(args: string[]): { hook: HookName; help: boolean } {
  let values: { hook?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { hook: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const hook = values.hook ?? "pre-commit";
  if (hook !== "pre-commit" && hook !== "pre-push") {
    throw new UsageError(`--hook expects pre-commit or pre-push; received "${hook}"`);
  }
  return { hook, help: values.help === true };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { hook, help } = parseHookFlags(args);
  if (help) {
    io.stdout.write(HELP);
    return 0;
  }
  const location = await locateHook(gitQuery(io.cwd), hook);
  const self = process.argv[1] ? [process.execPath, process.argv[1]] : ["npx", "--no-install", "leakgate"];
  const outcome = installHook(location, hook, self);
  const where = relative(io.cwd, location.file) || location.file;
  const messages = {
    installed: `Installed the leakgate ${hook} hook in ${where}.`,
    chained: `Installed the leakgate ${hook} hook in ${where}; your existing hook was kept and runs first.`,
    updated: `Updated the leakgate ${hook} hook in ${where}.`,
    "already-installed": `The leakgate ${hook} hook is already installed in ${where}.`,
  };
  io.stdout.write(`${messages[outcome]}\n`);
  return 0;
}
