import { isUtf8 } from "node:buffer";
import type { Detector } from "./engine/detector.js";
import {
  type DetectOptions,
  type Finding,
  type Fragment,
  isSkipped,
  type SkipReason,
  type SourceItem,
} from "./engine/types.js";

/** Content detection off the main thread (src/engine-pool/); path rules stay on the main thread. */
export interface ContentPool {
  /** Used once the scan has read this many bytes: below, the main thread is sooner. */
  readonly fromBytes: number;
  /** Resolves once more work may be sent (bounded bytes in flight). */
  ready(): Promise<void>;
  detect(fragment: Fragment, options: DetectOptions): Promise<Finding[]>;
  /** Sends whatever it still holds back: called once there are no more fragments. */
  flush(): void;
}

export interface ScanOptions {
  /** Keep raw secrets on findings (`--unmask`, and the Action's setSecret pass). */
  unmask?: boolean;
  /** Drops accepted findings (baseline, ignore file); kept findings stay in order. */
  filter?: (finding: Finding) => boolean;
  /** Detect content on worker threads; findings come back in item order, as without it. */
  pool?: ContentPool;
}

export interface ScanStats {
  /** Fragments scanned (files, blobs or diffs). */
  fragments: number;
  bytes: number;
  /** Not scanned for content, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
  /** Scanned as bytes although not valid UTF-8 (columns may be off on such lines). */
  nonUtf8: number;
  /** Findings dropped by the baseline or ignore file. */
  suppressed: number;
  durationMs: number;
  /** Set by git sources. */
  commits?: number;
  range?: string;
  /** The history was cut by a shallow clone: older commits were not scanned. */
  shallow?: boolean;
}

export interface ScanResult {
  findings: Finding[];
  stats: ScanStats;
}

/** Git's own test for binary content: a NUL byte in the first 8000 bytes. */
export function isBinary(data: Buffer): boolean {
  return data.subarray(0, 8000).includes(0);
}

export function emptyStats(): ScanStats {
  return { fragments: 0, bytes: 0, skipped: {}, nonUtf8: 0, suppressed: 0, durationMs: 0 };
}

/** Runs every item through the detector; a bad item is skipped and counted, never fatal. */
export async function scan(
  items: AsyncIterable<SourceItem>,
  detector: Detector,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const started = performance.now();
  const stats = emptyStats();
  // One entry per item, in item order: a pool answers out of order, the report must not change.
  const parts: Array<Finding[] | Promise<Finding[]>> = [];
  const skip = (reason: SkipReason) => {
    stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
  };
  for await (const item of items) {
    if (isSkipped(item)) {
      skip(item.skipped);
      if (item.checkPath !== false) parts.push(detector.detectPath(item.path, item.provenance));
      continue;
    }
    if (isBinary(item.data)) {
      skip("binary");
      if (item.checkPath !== false) parts.push(detector.detectPath(item.path, item.provenance, item.blob));
      continue;
    }
    stats.fragments += 1;
    stats.bytes += item.data.length;
    if (!isUtf8(item.data)) stats.nonUtf8 += 1;
    const detectOptions = { unmask: options.unmask ?? false };
    if (options.pool && stats.bytes - item.data.length >= options.pool.fromBytes) {
      await options.pool.ready();
      const pending = options.pool.detect(item, detectOptions);
      // Awaited below; until then a failure must not count as unhandled (the loop may throw first).
      pending.catch(() => {});
      parts.push(pending);
    } else {
      parts.push(detector.detect(item, detectOptions));
    }
  }
  options.pool?.flush();
  const findings = (await Promise.all(parts)).flat();
  const kept = options.filter ? findings.filter(options.filter) : findings;
  stats.suppressed = findings.length - kept.length;
  stats.durationMs = Math.round(performance.now() - started);
  return { findings: sortFindings(kept), stats };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
