import type { Detector } from "../engine/detector.js";
import type { SourceItem } from "../engine/types.js";
import { GitError } from "../errors.js";
import { type ScanOptions, type ScanResult, scan } from "../scan.js";
import { COMMIT_HEADER_FORMAT, DIFF_ARGS, parseDiff } from "./diff-parser.js";
import { DEFAULT_MAX_FILE_SIZE } from "./files.js";
import { gitAtLeast, gitText, type RepositoryInfo, repositoryInfo, spawnGit } from "./git.js";

export interface DiffOptions {
  /** Any folder inside the repository. */
  cwd: string;
  base: string;
  /** Default HEAD. */
  head?: string;
  maxFileSize?: number;
}

/** What a diff scan covered, for the stats. */
export interface DiffCoverage {
  commits: number;
  range: string;
  shallow: boolean;
}

/**
 * The lines added by every commit in `base..head`, oldest first, each fragment attributed to its commit.
 * A secret added and removed later in the range is still there: each commit is read on its own. Renames
 * and copies are detected, so lines that only moved are not reported again.
 */
export async function* readDiff(options: DiffOptions, coverage?: DiffCoverage): AsyncGenerator<SourceItem> {
  const info = await repositoryInfo(options.cwd);
  const head = options.head ?? "HEAD";
  const base = await resolveCommit(options.cwd, options.base, "base", info);
  const tip = await resolveCommit(options.cwd, head, "head", info);
  const cover = coverage ?? { commits: 0, range: "", shallow: false };
  cover.range = `${options.base}..${head}`;
  cover.shallow = info.shallow;
  // A merge's own changes (an "evil" merge, a conflict resolution) against git's automatic merge.
  const merges = (await gitAtLeast(options.cwd, 2, 36)) ? ["--diff-merges=remerge"] : [];
  const git = spawnGit(options.cwd, [
    "log",
    COMMIT_HEADER_FORMAT,
    "--reverse",
    "--topo-order",
    "--no-show-signature",
    "--root",
    ...DIFF_ARGS,
    ...merges,
    `${base}..${tip}`,
    "--",
  ]);
  let complete = false;
  try {
    yield* parseDiff(git.reader, {
      provenance: { kind: "staged" },
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      onCommit: () => {
        cover.commits += 1;
      },
    });
    await git.finished;
    complete = true;
  } finally {
    if (!complete) git.stop();
  }
}

async function resolveCommit(cwd: string, rev: string, role: string, info: RepositoryInfo): Promise<string> {
  const sha = await gitText(cwd, [
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `${rev}^{commit}`,
  ]).catch(() => "");
  if (sha) return sha;
  if (info.shallow) {
    return Promise.reject(
      new GitError(
        `the ${role} ${rev} is not in this shallow clone, so the commits of the range cannot be read. Fetch the whole history: \`git fetch --unshallow\`, or on GitHub Actions set \`fetch-depth: 0\` on actions/checkout`,
      ),
    );
  }
  if (!info.head) throw new GitError(`the repository has no commits yet, so there is no ${role} ${rev}`);
  throw new GitError(
    `the ${role} ${rev} is not a commit of this repository (a typo, or a branch not fetched?)`,
  );
}

/** `leakgate diff` for any front door (the CLI, the Action): stats say how many commits were read. */
export async function scanDiff(
  options: DiffOptions & { detector: Detector; scan?: ScanOptions },
): Promise<ScanResult> {
  const coverage: DiffCoverage = { commits: 0, range: "", shallow: false };
  const result = await scan(readDiff(options, coverage), options.detector, options.scan ?? {});
  result.stats.commits = coverage.commits;
  result.stats.range = coverage.range;
  if (coverage.shallow) result.stats.shallow = true;
  return result;
}
