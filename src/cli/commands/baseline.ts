import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import {
  type Baseline,
  type BaselineEntry,
  DEFAULT_BASELINE,
  entryFor,
  parseBaseline,
  serializeBaseline,
} from "../../baseline/baseline-file.js";
import { UsageError } from "../../errors.js";
import type { CliIo } from "../io.js";
import { parseScanFlags, SCAN_FLAGS_HELP } from "../scan-flags.js";
import { scanPaths } from "./scan.js";

const HELP = `Usage: leakgate baseline [PATH...] [options]
       leakgate baseline --from REPORT.json [options]

Accepts the current findings, so that later scans report only new ones. Writes
${DEFAULT_BASELINE} (one entry per secret, keyed by its fingerprint: no secret,
no line number), and marks it merge=union in .gitattributes so that two branches
that each accept a finding merge without a conflict.

  --from FILE      accept the findings of a reviewed JSON report (leakgate history -f json)
  --update         keep the entries still found, add new ones, drop the others (listing them)
  --reason TEXT    why these findings are accepted, recorded on each new entry
  -o, --output F   the baseline file (default ${DEFAULT_BASELINE} at the scanned root)

Scan options:
${SCAN_FLAGS_HELP}
`;

const EXTRA = { from: { type: "string" }, update: { type: "boolean" }, reason: { type: "string" } } as const;

interface ReportEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  commit?: { sha: string };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, values, positionals } = parseScanFlags(args, EXTRA);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const reason = values.reason as string | undefined;
  let found: BaselineEntry[];
  let root = io.cwd;
  if (values.from) {
    found = readReport(resolve(io.cwd, values.from as string)).map((f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      path: f.file,
      ...(f.commit?.sha ? { commit: f.commit.sha } : {}),
      ...(reason ? { reason } : {}),
    }));
  } else {
    const scanned = await scanPaths(positionals, { ...flags, baseline: undefined }, io, {
      applyBaseline: false,
    });
    root = scanned.root;
    found = scanned.result.findings.map((f) => entryFor(f, reason));
  }
  const file = flags.output ? resolve(io.cwd, flags.output) : join(root, DEFAULT_BASELINE);
  const previous = existsSync(file)
    ? parseBaseline(readFileSync(file, "utf8"), file)
    : { entries: new Map() };
  const next = values.update || values.from ? merge(previous, found, values.update === true) : fresh(found);
  writeFileSync(file, serializeBaseline(next));
  const unionAdded = ensureUnionMerge(file);
  report(io, previous, next, relative(io.cwd, file) || file, unionAdded);
  return 0;
}

function fresh(found: BaselineEntry[]): Baseline {
  return { entries: new Map(found.map((entry) => [entry.fingerprint, entry])) };
}

/** Keeps what is still found (with its reason), adds what is new; with `drop`, forgets the rest. */
function merge(previous: Baseline, found: BaselineEntry[], drop: boolean): Baseline {
  const entries = new Map(drop ? [] : previous.entries);
  for (const entry of found) entries.set(entry.fingerprint, previous.entries.get(entry.fingerprint) ?? entry);
  return { entries };
}

function report(io: CliIo, previous: Baseline, next: Baseline, where: string, unionAdded: boolean): void {
  const added = [...next.entries.keys()].filter((key) => !previous.entries.has(key));
  const dropped = [...previous.entries.values()].filter((entry) => !next.entries.has(entry.fingerprint));
  io.stdout.write(
    `Wrote ${where}: ${next.entries.size} entries (${added.length} added, ${dropped.length} dropped).\n`,
  );
  for (const entry of dropped)
    io.stdout.write(`  dropped ${entry.fingerprint}  ${entry.ruleId}  ${entry.path} (no longer found)\n`);
  if (unionAdded)
    io.stdout.write(
      `Marked ${where} merge=union in .gitattributes, so branches merge its entries cleanly.\n`,
    );
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

function readReport(file: string): ReportEntry[] {
  let report: { findings?: ReportEntry[] };
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(
      `--from expects a JSON report of leakgate (--format json): ${(error as Error).message}`,
    );
  }
  if (!Array.isArray(report.findings)) throw new UsageError(`--from: ${file} has no "findings" list`);
  return report.findings;
}
