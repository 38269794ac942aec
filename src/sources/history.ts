import { allowsCommit } from "../engine/allowlist.js";
import type { Detector } from "../engine/detector.js";
import type { Finding } from "../engine/types.js";
import { GitError } from "../errors.js";
import { emptyStats, type ScanOptions, type ScanResult, scan, sortFindings } from "../scan.js";
import { DEFAULT_MAX_FILE_SIZE } from "./files.js";
import { gitOutput, gitText, repositoryInfo } from "./git.js";
import { attributeFindings, blobsAtHead, findAppearances } from "./history-attribution.js";
import { type HistoryProgress, readHistoryBlobs } from "./history-blobs.js";
import { emptyHistoryState, type HistoryState } from "./history-state.js";

export type { HistoryProgress } from "./history-blobs.js";

export interface HistoryOptions {
  /** Any folder inside the repository. */
  cwd: string;
  /** Narrow the scan to these refs (branches, tags, any revision). Default: every branch, tag and remote branch, and HEAD. */
  refs?: string[];
  /** Only what is not reachable from this revision. */
  since?: string;
  /** The last run's state: only commits past its tips are read, and its secrets are not reported again. */
  state?: HistoryState;
  maxFileSize?: number;
  onProgress?: (progress: HistoryProgress) => void;
  detector: Detector;
  scan?: ScanOptions;
}

export interface HistoryResult extends ScanResult {
  /** The state to save for the next incremental run. */
  state: HistoryState;
}

/**
 * Every unique blob of every ref, scanned once; each secret reported once, at the oldest commit and path
 * that introduced it, with its other locations and whether HEAD still has it. The blob scan needs no
 * commit walk; only when something is found does one `git log --raw` pass say which commit added it.
 */
export async function scanHistory(options: HistoryOptions): Promise<HistoryResult> {
  const info = await repositoryInfo(options.cwd);
  const state = options.state ?? emptyHistoryState();
  const tips = await listTips(options.cwd, options.refs, info.head);
  const exclusions = await excludedTips(options.cwd, options.since, state.tips, info.shallow);
  const revs = [...tips, ...exclusions.map((sha) => `^${sha}`)];
  const range = describeRange(options, state);
  if (tips.length === 0) return { findings: [], stats: { ...emptyStats(), commits: 0, range }, state };

  const commits = gitText(options.cwd, ["rev-list", "--count", ...revs, "--"]).then(Number, () => 0);
  const result = await scan(
    readHistoryBlobs(options.cwd, {
      revs,
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }),
    options.detector,
    options.scan ?? {},
  );
  const blobs = new Set(result.findings.flatMap((f) => (f.blob ? [f.blob] : [])));
  const [appearances, atHead] = await Promise.all([
    findAppearances(options.cwd, revs, blobs),
    blobsAtHead(options.cwd, info.head, blobs),
  ]);
  const attributed = attributeFindings(result.findings, appearances, atHead).filter(
    (finding) => !allowedByCommit(options.detector, finding),
  );
  const fresh = attributed.filter((finding) => !(finding.fingerprint in state.reported));
  const now = new Date().toISOString();
  const reported = { ...state.reported };
  for (const finding of fresh) reported[finding.fingerprint] ??= now;
  return {
    findings: sortFindings(fresh),
    stats: {
      ...result.stats,
      commits: await commits,
      range,
      ...(info.shallow ? { shallow: true } : {}),
    },
    state: { version: 1, tips, reported },
  };
}

/** The commits every scanned ref points at, tags peeled. */
async function listTips(
  cwd: string,
  refs: string[] | undefined,
  head: string | undefined,
): Promise<string[]> {
  if (refs && refs.length > 0) {
    const tips: string[] = [];
    for (const ref of refs) {
      const sha = await gitText(cwd, [
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        `${ref}^{commit}`,
      ]).catch(() => "");
      if (!sha) throw new GitError(`--ref ${ref} is not a branch, tag or commit of this repository`);
      tips.push(sha);
    }
    return [...new Set(tips)];
  }
  const selectors = ["--branches", "--tags", "--remotes", ...(head ? ["HEAD"] : [])];
  const out = await gitText(cwd, ["rev-list", "--no-walk", ...selectors, "--"]);
  return [...new Set(out.split("\n").filter(Boolean))];
}

/** `--since` and the last run's tips that still exist (a force push may have removed some). */
async function excludedTips(
  cwd: string,
  since: string | undefined,
  known: string[],
  shallow: boolean,
): Promise<string[]> {
  const excluded: string[] = [];
  if (since !== undefined) {
    const sha = await gitText(cwd, [
      "rev-parse",
      "--verify",
      "--quiet",
      "--end-of-options",
      `${since}^{commit}`,
    ]).catch(() => "");
    if (!sha)
      throw new GitError(
        `--since ${since} is not a commit of this repository${shallow ? " (this is a shallow clone: fetch with fetch-depth 0)" : ""}`,
      );
    excluded.push(sha);
  }
  if (known.length > 0) {
    const answer = await gitOutput(cwd, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
      input: `${known.join("\n")}\n`,
    });
    for (const line of answer.toString("latin1").split("\n")) {
      const [sha, type] = line.split(" ");
      if (sha && type === "commit") excluded.push(sha);
    }
  }
  return excluded;
}

function describeRange(options: HistoryOptions, state: HistoryState): string {
  const refs = options.refs?.length ? options.refs.join(", ") : "all refs";
  if (options.since) return `${refs} since ${options.since}`;
  return state.tips.length > 0 ? `${refs}, new since the last scan` : refs;
}

function allowedByCommit(detector: Detector, finding: Finding): boolean {
  if (finding.provenance.kind !== "commit") return false;
  const rule = detector.ruleset.rules.find((r) => r.id === finding.ruleId);
  return (
    allowsCommit(detector.ruleset.allow, finding.provenance) ||
    (rule ? allowsCommit(rule.allow, finding.provenance) : false)
  );
}
