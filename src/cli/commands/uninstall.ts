import { relative } from "node:path";
import { locateHook, uninstallHook } from "../../hook/install.js";
import { gitQuery } from "../../sources/git-query.js";
import type { CliIo } from "../io.js";
import { parseHookFlags } from "./install.js";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { hook, help } = parseHookFlags(args);
  if (help) {
    io.stdout.write(
      "Usage: leakgate uninstall [--hook pre-commit|pre-push]\n\nRemoves what `leakgate install` added, and restores a hook it had chained.\n",
    );
    return 0;
  }
  const location = await locateHook(gitQuery(io.cwd), hook);
  const outcome = uninstallHook(location);
  const where = relative(io.cwd, location.file) || location.file;
  const messages = {
    removed: `Removed the leakgate ${hook} hook from ${where}.`,
    restored: `Removed the leakgate ${hook} hook and restored your previous hook in ${where}.`,
    "not-installed": `No leakgate ${hook} hook is installed in ${where}.`,
  };
  io.stdout.write(`${messages[outcome]}\n`);
  return 0;
}
