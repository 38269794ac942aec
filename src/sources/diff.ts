import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Detector } from "../engine/detector.js";
import type { SourceItem } from "../engine/types.js";
import { GitError } from "../errors.js";
import { type ScanOptions, type ScanResult, scan } from "../scan.js";
import { COMMIT_HEADER_FORMAT, DIFF_ARGS, parseDiff } from "./diff-parser.js";
import {
  catFileBatch,
  gitAtLeast,
  gitOutput,
  gitText,
  type RepositoryInfo,
  repositoryInfo,
  spawnGit,
} from "./git.js";
import { DEFAULT_MAX_FILE_SIZE } from "./limits.js";

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
  if (info.shallow) await refuseCutRange(options.cwd, base, tip, `${options.base}..${head}`);
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

/**
 * A shallow clone's boundary commits look like root commits: diffed against the empty tree, they would
 * be blamed for every secret of their tree. A range that holds one, with its real parents missing, cannot
 * be read truthfully.
 */
async function refuseCutRange(cwd: string, base: string, tip: string, range: string): Promise<void> {
  const shallowFile = resolve(cwd, await gitText(cwd, ["rev-parse", "--git-path", "shallow"]));
  const boundary = new Set(existsSync(shallowFile) ? readFileSync(shallowFile, "latin1").split("\n") : []);
  const listed = await gitText(cwd, ["rev-list", `${base}..${tip}`, "--"]);
  const cut = listed.split("\n").filter((sha) => sha && boundary.has(sha));
  if (cut.length === 0) return;
  const parents: string[] = [];
  for await (const object of catFileBatch(cwd, cut, 1024 * 1024)) {
    const text = object.data?.toString("latin1") ?? "";
    const header = text.slice(0, text.indexOf("\n\n"));
    for (const line of header.split("\n")) if (line.startsWith("parent ")) parents.push(line.slice(7));
  }
  if (parents.length === 0) return;
  const answer = await gitOutput(cwd, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
    input: `${parents.join("\n")}\n`,
  });
  if (!/ missing$/m.test(answer.toString("latin1"))) return;
  throw new GitError(
    `the range ${range} reaches commit ${(cut[0] ?? "").slice(0, 12)}, where this shallow clone's history is cut: its parents are not here, so what it changed cannot be told. Fetch the whole history: \`git fetch --unshallow\`, or on GitHub Actions set \`fetch-depth: 0\` on actions/checkout`,
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
