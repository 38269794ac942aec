import { UsageError } from "../../errors.js";
import { scanDiff } from "../../sources/diff.js";
import { repositoryInfo } from "../../sources/git.js";
import { emitReport } from "../emit.js";
import type { CliIo } from "../io.js";
import { emitContext, prepareScan } from "../scan-context.js";
import { parseScanFlags, SCAN_FLAGS_HELP } from "../scan-flags.js";

const HELP = `Usage: leakgate diff <base> [<head>]
       leakgate diff <base>..<head>

Scans the lines added by every commit in base..head (head defaults to HEAD), each
finding attributed to the commit that added it. A secret added in one commit and
removed in a later one is still reported. Lines that only moved are not.
In a shallow clone the base must be there: fetch with fetch-depth 0 if it is not.

Options:
${SCAN_FLAGS_HELP}
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseScanFlags(args);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const { base, head } = parseRange(positionals);
  const info = await repositoryInfo(io.cwd);
  const context = await prepareScan(flags, info.topLevel || io.cwd, io);
  const result = await scanDiff({
    cwd: io.cwd,
    base,
    ...(head ? { head } : {}),
    detector: context.detector,
    ...(context.maxFileSize ? { maxFileSize: context.maxFileSize } : {}),
    scan: { unmask: flags.unmask, ...(context.filter ? { filter: context.filter } : {}) },
  });
  if (result.stats.shallow && !flags.quiet) {
    io.stderr.write(
      "leakgate: warning: this is a shallow clone; if the range reaches past its oldest commit, fetch with fetch-depth 0 (`git fetch --unshallow`)\n",
    );
  }
  return emitReport(result, emitContext(context, flags, io));
}

function parseRange(positionals: string[]): { base: string; head: string | undefined } {
  const [first, second, ...rest] = positionals;
  if (first === undefined || rest.length > 0)
    throw new UsageError(
      `leakgate diff expects a base and an optional head, such as \`leakgate diff main\` or \`leakgate diff v1.0 v1.1\`; received ${positionals.length} arguments`,
    );
  const dots = first.indexOf("..");
  if (second === undefined && dots > 0 && !first.includes("...")) {
    return { base: first.slice(0, dots), head: first.slice(dots + 2) || undefined };
  }
  return { base: first, head: second };
}
