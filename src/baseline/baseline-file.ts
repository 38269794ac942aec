import { existsSync, readFileSync } from "node:fs";
import type { Finding } from "../engine/types.js";
import { ConfigError } from "../errors.js";

export const DEFAULT_BASELINE = ".leakgate-baseline.json";

/** One accepted finding. No secret, no line number, no timestamp: nothing that churns. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
  commit?: string;
  reason?: string;
}

export interface Baseline {
  entries: Map<string, BaselineEntry>;
}

export function entryFor(finding: Finding, reason?: string): BaselineEntry {
  const commit = finding.provenance.kind === "commit" ? finding.provenance.commit.sha : undefined;
  return {
    fingerprint: finding.fingerprint,
    ruleId: finding.ruleId,
    path: finding.file,
    ...(commit ? { commit } : {}),
    ...(reason ? { reason } : {}),
  };
}

/** The last item of `entries`: every entry line ends with a comma, so lines from two branches still join. */
export const BASELINE_END = "end of entries: keeps this file valid JSON when git merges it with merge=union";

/**
 * Valid JSON with one entry per line, sorted by fingerprint, each line ending with a comma before a
 * fixed last item: a union merge of two branches that each accepted findings keeps both sets of lines,
 * and the file stays valid JSON (with the `merge=union` attribute `leakgate baseline` sets up). Readers
 * of the first format, which read entries line by line, read this one too.
 */
export function serializeBaseline(baseline: Baseline): string {
  const entries = [...baseline.entries.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
  const lines = [
    ...entries.map((entry) => `    ${JSON.stringify(entry)},`),
    `    ${JSON.stringify(BASELINE_END)}`,
  ];
  return `{\n  "leakgateBaseline": 2,\n  "entries": [\n${lines.join("\n")}\n  ]\n}\n`;
}

/**
 * Reads entries line by line rather than as one JSON document, so that a union merge of two branches
 * still reads in the rare case it leaves the file invalid (as the first format, without the last item,
 * did), and a duplicated entry counts once.
 */
export function parseBaseline(text: string, file: string): Baseline {
  const entries = new Map<string, BaselineEntry>();
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim().replace(/,$/, "");
    if (!line.startsWith('{"')) return;
    let entry: BaselineEntry;
    try {
      entry = JSON.parse(line) as BaselineEntry;
    } catch {
      throw new ConfigError("this line is not a baseline entry (a JSON object on one line)", file, index + 1);
    }
    if (typeof entry.fingerprint !== "string" || typeof entry.ruleId !== "string") {
      throw new ConfigError('a baseline entry needs "fingerprint" and "ruleId"', file, index + 1);
    }
    entries.set(entry.fingerprint, entry);
  });
  if (entries.size === 0 && !text.includes('"leakgateBaseline"') && text.trim() !== "") {
    throw new ConfigError("not a leakgate baseline (write one with `leakgate baseline`)", file);
  }
  return { entries };
}

export function readBaseline(file: string): Baseline {
  if (!existsSync(file))
    throw new ConfigError("the baseline file does not exist (write one with `leakgate baseline`)", file);
  return parseBaseline(readFileSync(file, "utf8"), file);
}

/** A finding is accepted when its secret is: the same secret somewhere new still matches. */
export function inBaseline(baseline: Baseline, finding: Finding): boolean {
  return baseline.entries.has(finding.fingerprint);
}
