import { statSync } from "node:fs";
import { resolve } from "node:path";
import { type ScanResult, scan } from "../../scan.js";
import { readFiles } from "../../sources/files.js";
import { readStdin } from "../../sources/stdin.js";
import { emitReport } from "../emit.js";
import type { CliIo } from "../io.js";
import { emitContext, type PrepareOptions, prepareScan, type ScanContext } from "../scan-context.js";
import { parseScanFlags, SCAN_FLAGS_HELP, type ScanFlags } from "../scan-flags.js";

const HELP = `Usage: leakgate scan [PATH...] [options]

Scans files and folders (honouring .gitignore), or standard input with "-".
Paths in the report are relative to the folder scanned (or to the current folder
when several paths are given).

Options:
${SCAN_FLAGS_HELP}
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseScanFlags(args);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const { result, context } = await scanPaths(positionals, flags, io);
  return emitReport(result, emitContext(context, flags, io));
}

/** Files and folders (or stdin, "-"), with the configuration found at the scanned root. */
export async function scanPaths(
  positionals: string[],
  flags: ScanFlags,
  io: CliIo,
  options: PrepareOptions = {},
): Promise<{ result: ScanResult; context: ScanContext; root: string }> {
  const targets = (positionals.length > 0 ? positionals : ["."]).map((p) =>
    p === "-" ? p : resolve(io.cwd, p),
  );
  const root = scanRoot(targets, io.cwd);
  const context = await prepareScan(flags, root, io, options);
  const items = targets.includes("-")
    ? readStdin(io.stdin)
    : readFiles(targets, { root, ...(context.maxFileSize ? { maxFileSize: context.maxFileSize } : {}) });
  const result = await scan(items, context.detector, {
    unmask: flags.unmask,
    ...(context.filter ? { filter: context.filter } : {}),
  });
  return { result, context, root };
}

/** One folder: paths are relative to it, and its .leakgate.yml applies. Anything else: the current folder. */
function scanRoot(targets: string[], cwd: string): string {
  const [only] = targets;
  if (targets.length !== 1 || only === undefined || only === "-") return cwd;
  try {
    return statSync(only).isDirectory() ? only : cwd;
  } catch {
    return cwd;
  }
}
