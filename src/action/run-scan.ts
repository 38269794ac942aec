import { posix } from "node:path";
import type { Detector } from "../engine/detector.js";
import type { Finding } from "../engine/types.js";
import { emptyStats, type ScanOptions, type ScanResult, scan } from "../scan.js";
import { scanDiff } from "../sources/diff.js";
import { readFiles } from "../sources/files.js";
import { scanHistory } from "../sources/history.js";
import { readHistoryBlobs } from "../sources/history-blobs.js";
import type { HistoryState } from "../sources/history-state.js";
import { DEFAULT_MAX_FILE_SIZE } from "../sources/limits.js";
import { type ResolvedRange, resolveNewBranch, resolveRange } from "./commits.js";
import type { ScanPlan } from "./event.js";
import type { StateStore } from "./state-store.js";

export interface ScanContext {
  /** The repository (GITHUB_WORKSPACE). */
  workspace: string;
  /** The folder the `path` input names; files mode scans it. */
  root: string;
  /** `path` relative to the workspace, with `/`. */
  rootFromWorkspace: string;
  detector: Detector;
  filter: ((finding: Finding) => boolean) | undefined;
  store: StateStore | undefined;
  /** Registers a raw secret with the runner so that it is masked in every log. */
  setSecret: (secret: string) => void;
  logger: { info(message: string): void; warning(message: string): void };
}

export interface ScanOutcome {
  result: ScanResult;
  scope: string;
  notes: string[];
  /** History mode: the state to save once the run has published its findings. */
  nextState?: HistoryState;
  /** History mode: fingerprints an earlier run had already reported, with when. */
  known: Record<string, string>;
}

/** Scans what the plan says; every finding it returns is masked, its raw secret registered and dropped. */
export async function runScan(plan: ScanPlan, context: ScanContext): Promise<ScanOutcome> {
  switch (plan.kind) {
    case "nothing":
      return { result: { findings: [], stats: emptyStats() }, scope: plan.label, notes: [], known: {} };
    case "files": {
      const items = readFiles([context.root], { root: context.root });
      const result = masked(await scan(items, context.detector, scanOptions(context)), context);
      if (context.rootFromWorkspace !== ".") {
        for (const finding of result.findings)
          finding.file = posix.join(context.rootFromWorkspace, finding.file);
      }
      return { result, scope: `${plan.label} (${context.rootFromWorkspace})`, notes: [], known: {} };
    }
    case "range":
    case "new-branch": {
      const range =
        plan.kind === "range"
          ? await resolveRange(context.workspace, plan, context.logger)
          : await resolveNewBranch(context.workspace, plan.head, plan.defaultBranch, context.logger);
      const result = masked(await scanRange(range, context), context);
      context.logger.info(`Scanned ${result.stats.commits ?? 0} commits of ${plan.label} (${range.range})`);
      result.stats.range = range.range;
      return { result, scope: plan.label, notes: range.notes, known: {} };
    }
    case "history":
      return scanWholeHistory(context);
  }
}

function scanOptions(context: ScanContext): ScanOptions {
  // Raw secrets only long enough to register them with the runner's masking (see `masked`).
  return { unmask: true, ...(context.filter ? { filter: context.filter } : {}) };
}

/** The commits of a range (src/sources/diff.ts); with no base, every commit of the head. */
function scanRange(range: ResolvedRange, context: ScanContext): Promise<ScanResult> {
  const common = { cwd: context.workspace, detector: context.detector, scan: scanOptions(context) };
  return range.base
    ? scanDiff({ ...common, base: range.base, head: range.head })
    : scanHistory({ ...common, refs: [range.head] });
}

async function scanWholeHistory(context: ScanContext): Promise<ScanOutcome> {
  const notes: string[] = [];
  let state: HistoryState | undefined;
  if (context.store) {
    try {
      state = await context.store.load();
    } catch (error) {
      context.logger.warning(
        `leakgate: could not read the scan state from ${context.store.name} (${(error as Error).message}); scanning the whole history`,
      );
    }
  }
  const history = await scanHistory({
    cwd: context.workspace,
    detector: context.detector,
    scan: scanOptions(context),
    ...(state ? { state } : {}),
  });
  const result = masked(history, context);
  if (result.stats.shallow) {
    notes.push(
      "The checkout is shallow, so older commits were not scanned: set `fetch-depth: 0` on actions/checkout.",
    );
  }
  const scope = state ? "history since the last scan" : "full history";
  context.logger.info(`Scanned ${result.stats.commits ?? 0} commits: ${scope}`);
  return { result, scope, notes, known: state?.reported ?? {}, nextState: history.state };
}

/** Registers every raw secret with the runner's masking, then drops it: nothing after this sees one. */
function masked<T extends ScanResult>(result: T, context: ScanContext): T {
  for (const finding of result.findings) {
    if (finding.secret !== undefined) {
      if (finding.secret.length > 0) context.setSecret(finding.secret);
      delete finding.secret;
    }
  }
  return result;
}

/** Fingerprints of the secrets in the checkout's files: which leaks are still at HEAD. */
export async function fingerprintsAtHead(context: ScanContext): Promise<Set<string>> {
  const items = readFiles([context.workspace], { root: context.workspace });
  const result = masked(await scan(items, context.detector, { unmask: true }), context);
  return new Set(result.findings.map((finding) => finding.fingerprint));
}

/**
 * Fingerprints of the secrets in one commit's tree, read from git objects: for pull_request_target,
 * whose checkout is the base branch, not the pull request's head. `--no-walk` keeps rev-list to that
 * commit's own tree.
 */
export async function fingerprintsAtCommit(context: ScanContext, sha: string): Promise<Set<string>> {
  const items = readHistoryBlobs(context.workspace, {
    revs: ["--no-walk", sha],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
  });
  const result = masked(await scan(items, context.detector, { unmask: true }), context);
  return new Set(result.findings.map((finding) => finding.fingerprint));
}
