import { allowsCommit } from "../engine/allowlist.js";
import type { Detector } from "../engine/detector.js";
import type { CommitInfo, Finding } from "../engine/types.js";
import { GitError } from "../errors.js";
import {
  emptyStats,
  type ScanOptions,
  type ScanResult,
  type ScanStats,
  scan,
  sortFindings,
} from "../scan.js";
import { gitOutput, gitText, repositoryInfo } from "./git.js";
import { attributeFindings, contentCandidates, headContents } from "./history-attribution.js";
import { type HistoryProgress, readHistoryBlobs, UNATTRIBUTED } from "./history-blobs.js";
import { emptyHistoryState, type HistoryState } from "./history-state.js";
import { emptyWalk, type TreeWalk, walkTrees } from "./history-walk.js";
import { DEFAULT_MAX_FILE_SIZE } from "./limits.js";

export type { HistoryProgress } from "./history-blobs.js";

export interface HistoryOptions {
  /** Any folder inside the repository. */
  cwd: string;
  /** Narrow the scan to these refs (branches, tags, any revision). Default: every ref and HEAD. */
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
 * commit walk; one `git log --raw` pass (no contents) then says which commit added each finding's blob,
 * and judges every path of the history by the file rules.
 */
export async function scanHistory(options: HistoryOptions): Promise<HistoryResult> {
  const info = await repositoryInfo(options.cwd);
  const state = options.state ?? emptyHistoryState();
  const { tips, tagged } = await listTips(options.cwd, options.refs);
  const exclusions = await excludedTips(options.cwd, options.since, state.tips, info.shallow);
  const revs = [...tips, ...exclusions.map((sha) => `^${sha}`)];
  const range = describeRange(options, state);
  if (tips.length === 0 && tagged.size === 0)
    return { findings: [], stats: { ...emptyStats(), commits: 0, range }, state };

  const result = await scan(
    readHistoryBlobs(options.cwd, {
      revs: [...revs, ...tagged.keys()],
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      names: new Map([...tagged].map(([id, tag]) => [id, tag.ref])),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }),
    options.detector,
    options.scan ?? {},
  );
  const blobs = new Set(result.findings.flatMap((f) => (f.blob ? [f.blob] : [])));
  const judgePath = (path: string) => options.detector.detectPath(path, UNATTRIBUTED);
  const walk = tips.length > 0 ? await walkTrees(options.cwd, revs, blobs, judgePath) : emptyWalk();
  // A blob only ever committed as a symlink is a link target, not content (as in `staged` and `diff`).
  const content = result.findings.filter(
    (f) => !(f.blob && walk.symlinks.has(f.blob) && !walk.appearances.has(f.blob)),
  );
  const candidates = [
    ...contentCandidates(content, walk.appearances, (blob) => tagged.get(blob)?.commit),
    ...walk.pathCandidates,
  ];
  const atHead = await headContents(
    options.cwd,
    info.head,
    blobs,
    new Set(walk.pathCandidates.map((c) => c.path)),
  );
  // The filter runs again once commits are known: commit-scoped ignores (`sha:file:rule:line`) need them.
  const filter = options.scan?.filter ?? (() => true);
  const attributed = attributeFindings(candidates, atHead).filter(
    (finding) => !allowedByCommit(options.detector, finding) && filter(finding),
  );
  const fresh = attributed.filter((finding) => !(finding.fingerprint in state.reported));
  const now = new Date().toISOString();
  const reported = { ...state.reported };
  for (const finding of fresh) reported[finding.fingerprint] ??= now;
  return {
    findings: sortFindings(fresh),
    stats: {
      ...result.stats,
      skipped: withWalkSkips(result.stats.skipped, walk),
      commits: walk.commits,
      range,
      ...(info.shallow ? { shallow: true } : {}),
    },
    state: { version: 1, tips, reported },
  };
}

function withWalkSkips(skipped: ScanStats["skipped"], walk: TreeWalk): ScanStats["skipped"] {
  return {
    ...skipped,
    ...(walk.symlinks.size > 0 ? { symlink: (skipped.symlink ?? 0) + walk.symlinks.size } : {}),
    ...(walk.submodules.size > 0 ? { submodule: (skipped.submodule ?? 0) + walk.submodules.size } : {}),
  };
}

/** A blob or tree a ref points at (through a tag or not), not a commit: the ref names it. */
interface TaggedObject {
  ref: string;
  /** The tag's id, tagger and date stand in for a commit (a lightweight tag has neither). */
  commit: CommitInfo;
}

/**
 * The commits every scanned ref points at, tags peeled: by default every ref under refs/ (branches, tags,
 * remotes, stashes, pull-request refs, notes) and HEAD, but no reflog. Also the blobs and trees refs point
 * at directly, which no commit reaches.
 */
async function listTips(
  cwd: string,
  refs: string[] | undefined,
): Promise<{ tips: string[]; tagged: Map<string, TaggedObject> }> {
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
    return { tips: [...new Set(tips)], tagged: new Map() };
  }
  const [out, tagged] = await Promise.all([
    gitText(cwd, ["rev-list", "--no-walk", "--all", "--"]),
    listTaggedObjects(cwd),
  ]);
  return { tips: [...new Set(out.split("\n").filter(Boolean))], tagged };
}

const TAG_FORMAT =
  "%(objectname)%00%(objecttype)%00%(*objectname)%00%(*objecttype)%00%(taggername)%00%(taggeremail:trim)%00%(taggerdate:iso-strict)%00%(refname)";

async function listTaggedObjects(cwd: string): Promise<Map<string, TaggedObject>> {
  const tagged = new Map<string, TaggedObject>();
  const out = await gitText(cwd, ["for-each-ref", `--format=${TAG_FORMAT}`]);
  for (const line of out.split("\n")) {
    const [sha = "", type, peeled = "", peeledType, author = "", email = "", date = "", ref = ""] =
      line.split("\0");
    const [id, kind] = type === "tag" ? [peeled, peeledType] : [sha, type];
    if (!id || (kind !== "blob" && kind !== "tree") || tagged.has(id)) continue;
    tagged.set(id, { ref, commit: { sha, author, email, date } });
  }
  return tagged;
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
