import { GitError } from "../errors.js";
import { git, gitOk, hasCommit, isShallow } from "./git.js";

/** What to scan: the commits in `base..head`, or every commit of `head` when there is no base. */
export interface ResolvedRange {
  base: string | undefined;
  head: string;
  /** The range in words, for the summary: "3f2a1b0..9c1b2d4". */
  range: string;
  /** Said in the summary and the log: a force push, a fallback. */
  notes: string[];
}

export interface RangeLogger {
  info(message: string): void;
  warning(message: string): void;
}

/**
 * Every commit in `base..head`, fetching what a shallow checkout lacks. When the commits cannot be
 * fetched, fails with the exact `fetch-depth` to set.
 */
export async function resolveRange(
  cwd: string,
  plan: { base: string; head: string; expectedCommits?: number; pullNumber?: number; defaultBranch?: string },
  logger: RangeLogger,
): Promise<ResolvedRange> {
  const notes: string[] = [];
  await ensureCommit(cwd, plan.head, plan.pullNumber ? [`refs/pull/${plan.pullNumber}/head`] : []);
  const base = plan.base;
  if (!(await hasCommit(cwd, base)) && !(await fetchQuietly(cwd, ["--depth=1", "origin", base]))) {
    // A force push can leave `before` unreachable: scan what the default branch does not have instead.
    notes.push(`the commit before the push (${base.slice(0, 12)}) is gone (a force push?)`);
    const defaultBranch = plan.defaultBranch ?? (await defaultBranchGuess(cwd));
    return { ...(await resolveNewBranch(cwd, plan.head, defaultBranch, logger)), notes };
  }
  await deepenUntilConnected(cwd, base, plan.head, plan.expectedCommits, logger);
  return { base, head: plan.head, range: `${base.slice(0, 12)}..${plan.head.slice(0, 12)}`, notes };
}

/** A new branch: only the commits that the default branch does not already have. */
export async function resolveNewBranch(
  cwd: string,
  head: string,
  defaultBranch: string | undefined,
  logger: RangeLogger,
): Promise<ResolvedRange> {
  await ensureCommit(cwd, head, []);
  if (defaultBranch === undefined) {
    if (await isShallow(cwd)) await unshallow(cwd, logger);
    return { base: undefined, head, range: `all of ${head.slice(0, 12)}`, notes: [] };
  }
  const remote = `refs/remotes/origin/${defaultBranch}`;
  if (!(await gitOk(cwd, ["rev-parse", "--verify", "--quiet", remote]))) {
    await fetchQuietly(cwd, ["--depth=1", "origin", `+refs/heads/${defaultBranch}:${remote}`]);
  }
  if (await gitOk(cwd, ["rev-parse", "--verify", "--quiet", remote])) {
    await deepenUntilConnected(cwd, remote, head, undefined, logger);
    return { base: remote, head, range: `${defaultBranch}..${head.slice(0, 12)}`, notes: [] };
  }
  if (await isShallow(cwd)) await unshallow(cwd, logger);
  return { base: undefined, head, range: `all of ${head.slice(0, 12)}`, notes: [] };
}

async function ensureCommit(cwd: string, sha: string, refs: string[]): Promise<void> {
  if (await hasCommit(cwd, sha)) return;
  if (await fetchQuietly(cwd, ["--depth=1", "origin", sha])) return;
  for (const ref of refs) if (await fetchQuietly(cwd, ["--depth=1", "origin", ref])) return;
  if (!(await hasCommit(cwd, sha))) throw missingCommits(sha);
}

/** Deepens a shallow clone until the base is an ancestor of the head, or the whole history is there. */
async function deepenUntilConnected(
  cwd: string,
  base: string,
  head: string,
  expected: number | undefined,
  logger: RangeLogger,
): Promise<void> {
  if (!(await isShallow(cwd))) return;
  let depth = Math.max((expected ?? 50) + 1, 2);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await gitOk(cwd, ["merge-base", base, head])) return;
    logger.info(`Shallow checkout: fetching ${depth} commits of history to reach the base`);
    if (!(await fetchQuietly(cwd, [`--deepen=${depth}`, "origin", head]))) throw missingCommits(base);
    depth *= 4;
  }
  if (!(await gitOk(cwd, ["merge-base", base, head]))) await unshallow(cwd, logger);
}

async function unshallow(cwd: string, logger: RangeLogger): Promise<void> {
  logger.info("Shallow checkout: fetching the rest of the history");
  if (!(await fetchQuietly(cwd, ["--unshallow", "origin"]))) throw missingCommits("the base");
}

async function fetchQuietly(cwd: string, args: string[]): Promise<boolean> {
  return gitOk(cwd, ["fetch", "--no-tags", "--quiet", "--no-recurse-submodules", ...args]);
}

async function defaultBranchGuess(cwd: string): Promise<string> {
  const head = await git(cwd, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]).catch(() => "");
  return head.trim().replace(/^refs\/remotes\/origin\//, "") || "main";
}

function missingCommits(what: string): GitError {
  return new GitError(
    `the checkout does not have ${what.length === 40 ? `commit ${what}` : what} and it could not be fetched from origin. Set \`fetch-depth: 0\` on actions/checkout (with: fetch-depth: 0) so that every commit of the range is there`,
  );
}
