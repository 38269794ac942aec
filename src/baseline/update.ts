import type { Finding } from "../engine/types.js";
import { type Baseline, type BaselineEntry, entryFor } from "./baseline-file.js";
import type { FoundEntry } from "./report-input.js";

export function foundInFindings(findings: readonly Finding[], reason?: string): FoundEntry[] {
  return findings.map((finding) => ({
    entry: entryFor(finding, reason),
    ...(finding.provenance.kind === "commit" ? { date: finding.provenance.commit.date } : {}),
  }));
}

/** One entry per secret: the first place it was found, or, from history, the earliest commit. */
export function firstPerFingerprint(found: readonly FoundEntry[]): BaselineEntry[] {
  const first = new Map<string, FoundEntry>();
  for (const item of found) {
    const kept = first.get(item.entry.fingerprint);
    if (!kept || (item.date && kept.date && Date.parse(item.date) < Date.parse(kept.date)))
      first.set(item.entry.fingerprint, item);
  }
  return [...first.values()].map((item) => item.entry);
}

export interface UpdateOptions {
  /** `--update`: forget entries no longer found, where the scan could have found them. */
  drop: boolean;
  /** The scan read history: only then can an entry first seen in a commit be known gone. */
  coversHistory: boolean;
}

/**
 * Keeps what is still found (with its reason), adds what is new; with `drop`, forgets the rest, except
 * entries accepted from history when the scan did not read history.
 */
export function updateBaseline(previous: Baseline, found: BaselineEntry[], options: UpdateOptions): Baseline {
  const keep = (entry: BaselineEntry) =>
    !options.drop || (entry.commit !== undefined && !options.coversHistory);
  const entries = new Map([...previous.entries].filter(([, entry]) => keep(entry)));
  for (const entry of found) entries.set(entry.fingerprint, previous.entries.get(entry.fingerprint) ?? entry);
  return { entries };
}
