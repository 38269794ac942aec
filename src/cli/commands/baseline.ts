import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import {
  type Baseline,
  type BaselineEntry,
  DEFAULT_BASELINE,
  parseBaseline,
  serializeBaseline,
} from "../../baseline/baseline-file.js";
import { type FoundEntry, readReportInput } from "../../baseline/report-input.js";
import { firstPerFingerprint, foundInFindings, updateBaseline } from "../../baseline/update.js";
import { UsageError } from "../../errors.js";
import { repositoryInfo } from "../../sources/git.js";
import { scanHistory } from "../../sources/history.js";
import type { CliIo } from "../io.js";
import { prepareScan } from "../scan-context.js";
import { parseScanFlags, SCAN_FLAGS_HELP, type ScanFlags } from "../scan-flags.js";
import { scanPaths } from "./scan.js";

const HELP = `Usage: leakgate baseline [PATH...] [options]
       leakgate baseline --history [PATH] [options]
       leakgate baseline --from REPORT.json [options]

Accepts the current findings, so that later scans report only new ones. Writes
${DEFAULT_BASELINE} (one entry per secret, keyed by its fingerprint: no secret,
no line number), and marks it merge=union in .gitattributes so that two branches
that each accept a finding merge without a conflict.

  --history        accept the findings of every commit of every ref (as leakgate history)
  --from FILE      accept the findings of a reviewed JSON report (leakgate history -f json)
  --update         keep the entries still found, add new ones, drop the others (listing both);
                   entries accepted from history are dropped only by a history scan
                   (--history, or --from a history report)
  --reason TEXT    why these findings are accepted, recorded on each new entry
  -o, --output F   the baseline file (default ${DEFAULT_BASELINE} at the scanned root)

Scan options:
${SCAN_FLAGS_HELP}
`;

const EXTRA = {
  from: { type: "string" },
  history: { type: "boolean" },
  update: { type: "boolean" },
  reason: { type: "string" },
} as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, values, positionals } = parseScanFlags(args, EXTRA);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const reason = values.reason as string | undefined;
  if (values.from && values.history) throw new UsageError("--from and --history cannot be combined");
  const { found, root, coversHistory } = values.from
    ? fromReport(resolve(io.cwd, values.from as string), reason, io.cwd)
    : values.history
      ? await fromHistory(positionals, flags, reason, io)
      : await fromFiles(positionals, flags, reason, io);
  const file = flags.output ? resolve(io.cwd, flags.output) : join(root, DEFAULT_BASELINE);
  const previous = existsSync(file)
    ? parseBaseline(readFileSync(file, "utf8"), file)
    : { entries: new Map<string, BaselineEntry>() };
  const entries = firstPerFingerprint(found);
  const next =
    values.update || values.from
      ? updateBaseline(previous, entries, { drop: values.update === true, coversHistory })
      : { entries: new Map(entries.map((entry) => [entry.fingerprint, entry])) };
  writeFileSync(file, serializeBaseline(next));
  const unionAdded = ensureUnionMerge(file);
  const stillFound = new Set(entries.map((entry) => entry.fingerprint));
  report(io, { previous, next, stillFound, where: relative(io.cwd, file) || file, unionAdded });
  return 0;
}

interface Source {
  found: FoundEntry[];
  root: string;
  coversHistory: boolean;
}

function fromReport(file: string, reason: string | undefined, cwd: string): Source {
  const { found, history } = readReportInput(file, reason);
  return { found, root: cwd, coversHistory: history };
}

async function fromFiles(positionals: string[], flags: ScanFlags, reason: string | undefined, io: CliIo) {
  const scanned = await scanPaths(positionals, { ...flags, baseline: undefined }, io, {
    applyBaseline: false,
  });
  return {
    found: foundInFindings(scanned.result.findings, reason),
    root: scanned.root,
    coversHistory: false,
  };
}

async function fromHistory(
  positionals: string[],
  flags: ScanFlags,
  reason: string | undefined,
  io: CliIo,
): Promise<Source> {
  if (positionals.length > 1)
    throw new UsageError(
      `leakgate baseline --history takes one repository folder; received ${positionals.length}`,
    );
  const cwd = resolve(io.cwd, positionals[0] ?? ".");
  const root = (await repositoryInfo(cwd)).topLevel || cwd;
  const context = await prepareScan({ ...flags, baseline: undefined }, root, io, { applyBaseline: false });
  const result = await scanHistory({
    cwd,
    refs: [],
    ...(context.maxFileSize ? { maxFileSize: context.maxFileSize } : {}),
    detector: context.detector,
  });
  return { found: foundInFindings(result.findings, reason), root, coversHistory: true };
}

interface Outcome {
  previous: Baseline;
  next: Baseline;
  stillFound: Set<string>;
  where: string;
  unionAdded: boolean;
}

function report(io: CliIo, { previous, next, stillFound, where, unionAdded }: Outcome): void {
  const added = [...next.entries.values()].filter((entry) => !previous.entries.has(entry.fingerprint));
  const dropped = [...previous.entries.values()].filter((entry) => !next.entries.has(entry.fingerprint));
  const unchecked = [...next.entries.values()].filter(
    (entry) => previous.entries.has(entry.fingerprint) && !stillFound.has(entry.fingerprint),
  );
  io.stdout.write(
    `Wrote ${where}: ${next.entries.size} entries (${added.length} added, ${dropped.length} dropped).\n`,
  );
  for (const entry of added) io.stdout.write(`  added   ${describe(entry)}\n`);
  for (const entry of dropped) io.stdout.write(`  dropped ${describe(entry)} (no longer found)\n`);
  const fromHistory = unchecked.filter((entry) => entry.commit !== undefined).length;
  if (fromHistory > 0)
    io.stdout.write(
      `  kept ${fromHistory} entries accepted from history, which this scan does not read (update them with --history)\n`,
    );
  if (unionAdded)
    io.stdout.write(
      `Marked ${where} merge=union in .gitattributes, so branches merge its entries cleanly.\n`,
    );
}

function describe(entry: BaselineEntry): string {
  return `${entry.fingerprint}  ${entry.ruleId}  ${entry.path}${entry.commit ? ` @ ${entry.commit.slice(0, 12)}` : ""}`;
}

/** Adds `/<baseline> merge=union` to the .gitattributes beside the baseline, once. */
function ensureUnionMerge(file: string): boolean {
  const attributes = join(dirname(file), ".gitattributes");
  const name = file.slice(dirname(file).length + 1);
  const existing = existsSync(attributes) ? readFileSync(attributes, "utf8") : "";
  if (existing.split("\n").some((line) => line.includes(name) && line.includes("merge="))) return false;
  const prefix = existing === "" || existing.endsWith("\n") ? existing : `${existing}\n`;
  writeFileSync(attributes, `${prefix}/${name} merge=union\n`);
  return true;
}
