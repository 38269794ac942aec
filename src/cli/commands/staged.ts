import { UsageError } from "../../errors.js";
import { HOOK_FLAG, reportForHook } from "../../hook/hook-report.js";
import { topLevel } from "../../sources/git.js";
import { scanStaged } from "../../sources/staged.js";
import { emitReport } from "../emit.js";
import type { CliIo } from "../io.js";
import { emitContext, prepareScan } from "../scan-context.js";
import { parseScanFlags, SCAN_FLAGS_HELP } from "../scan-flags.js";

const HELP = `Usage: leakgate staged [options]

Scans what \`git commit\` is about to record: the lines added in the index (never the
working tree), and the names of added or renamed files (.env, private keys).
Paths are relative to the top of the repository. The pre-commit hook runs this.

Options:
      --hook              speak as the pre-commit hook: with text output, the blocking
                          message and how to fix or allow each finding, on standard error
${SCAN_FLAGS_HELP}
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, values, positionals } = parseScanFlags(args, HOOK_FLAG);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`leakgate staged takes no paths; received "${positionals.join(" ")}"`);
  const context = await prepareScan(flags, topLevel(io.cwd), io);
  const result = await scanStaged({
    cwd: io.cwd,
    detector: context.detector,
    ...(context.maxFileSize ? { maxFileSize: context.maxFileSize } : {}),
    scan: { unmask: flags.unmask, ...(context.filter ? { filter: context.filter } : {}) },
  });
  const emit = emitContext(context, flags, io);
  return values.hook === true && flags.format === "text" && !flags.output
    ? reportForHook(result, emit, { blocking: "commit" })
    : emitReport(result, emit);
}
