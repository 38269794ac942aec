import { resolve } from "node:path";
import { detectPoolFor } from "../../engine-pool/detect-pool.js";
import { UsageError } from "../../errors.js";
import { repositoryInfo } from "../../sources/git.js";
import { scanHistory } from "../../sources/history.js";
import { readHistoryState, writeHistoryState } from "../../sources/history-state.js";
import { emitReport } from "../emit.js";
import type { CliIo } from "../io.js";
import { progressBar } from "../progress.js";
import { emitContext, prepareScan } from "../scan-context.js";
import { parseScanFlags, SCAN_FLAGS_HELP } from "../scan-flags.js";

const HELP = `Usage: leakgate history [PATH] [options]

Scans every blob of every ref (branches, tags, remotes, stashes…) of the repository at PATH
(default: the current folder), each unique blob once. Each secret is reported once,
at the oldest commit and path that introduced it, with its other locations and
whether it is still at HEAD.

History options:
      --ref REF           scan only this branch, tag or commit (repeatable)
      --since REV         scan only commits not reachable from REV
      --state FILE        incremental: read the last run's state from FILE (if it exists),
                          scan only what is new, report no secret twice, and save the state

Options:
${SCAN_FLAGS_HELP}
`;

const HISTORY_OPTIONS = {
  ref: { type: "string", multiple: true },
  since: { type: "string" },
  state: { type: "string" },
} as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, values, positionals } = parseScanFlags(args, HISTORY_OPTIONS);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(`leakgate history takes one repository folder; received ${positionals.length}`);
  const cwd = resolve(io.cwd, positionals[0] ?? ".");
  const info = await repositoryInfo(cwd);
  const context = await prepareScan(flags, info.topLevel || cwd, io);
  const stateFile = values.state === undefined ? undefined : resolve(io.cwd, values.state as string);
  const refs = (values.ref as string[] | undefined) ?? [];
  const since = values.since as string | undefined;
  const bar = progressBar(io, { quiet: flags.quiet, label: "history" });
  const pool = detectPoolFor({ config: context.config });
  let result: Awaited<ReturnType<typeof scanHistory>>;
  try {
    result = await scanHistory({
      cwd,
      refs,
      ...(since !== undefined ? { since } : {}),
      ...(stateFile ? { state: readHistoryState(stateFile) } : {}),
      ...(context.maxFileSize ? { maxFileSize: context.maxFileSize } : {}),
      onProgress: (p) => bar.update(p),
      detector: context.detector,
      scan: {
        unmask: flags.unmask,
        ...(context.filter ? { filter: context.filter } : {}),
        ...(pool ? { pool } : {}),
      },
    });
  } finally {
    bar.done();
    await pool?.close();
  }
  if (result.stats.shallow && !flags.quiet) {
    io.stderr.write(
      "leakgate: warning: this is a shallow clone, so the history is cut: older commits were not scanned (fetch with fetch-depth 0, or `git fetch --unshallow`)\n",
    );
  }
  const code = emitReport(result, emitContext(context, flags, io));
  if (stateFile) writeHistoryState(stateFile, result.state);
  return code;
}
