import type { CommitInfo, Finding } from "../engine/types.js";
import { gitAtLeast, spawnGit } from "./git.js";

/** One commit that put a blob at a path. `order` counts commits oldest first. */
export interface Appearance {
  order: number;
  commit: CommitInfo;
  path: string;
}

/** A finding at one commit and path, before the oldest of its group is chosen. */
export interface Candidate {
  finding: Finding;
  order: number;
  commit: CommitInfo | undefined;
  path: string;
}

export interface TreeWalk {
  /** Where each blob the content scan found something in was added (as a regular file). */
  appearances: Map<string, Appearance[]>;
  /** File-rule findings, one per commit that added a blob at a path a file rule flags. */
  pathCandidates: Candidate[];
  /** Blobs added as symlink targets, and gitlinks (submodule commits): not content. */
  symlinks: Set<string>;
  submodules: Set<string>;
  commits: number;
}

/** A walk of no commits. */
export function emptyWalk(): TreeWalk {
  return {
    appearances: new Map(),
    pathCandidates: [],
    symlinks: new Set(),
    submodules: new Set(),
    commits: 0,
  };
}

const DELETED_MODE = "000000";
const SYMLINK_MODE = "120000";
const SUBMODULE_MODE = "160000";

/**
 * ONE `git log --raw` pass over the revisions (tree diffs only, no contents): every path each commit
 * added a blob at. File rules judge every distinct path once (`judgePath`), so a blob first met at an
 * innocent path is still flagged at `.env`; content findings learn every commit and path of their blob.
 * Merges are diffed against their first parent so that a blob only a merge introduced still has a commit.
 */
export async function walkTrees(
  cwd: string,
  revs: string[],
  blobs: ReadonlySet<string>,
  judgePath: (path: string) => Finding[],
): Promise<TreeWalk> {
  const walk = emptyWalk();
  const judged = new Map<string, Finding[]>();
  const merges = (await gitAtLeast(cwd, 2, 31)) ? ["--diff-merges=first-parent"] : ["-m", "--first-parent"];
  const git = spawnGit(cwd, [
    "log",
    "--format=%x01%H%x00%an%x00%ae%x00%aI",
    "--reverse",
    "--date-order",
    "--raw",
    "--no-abbrev",
    "-z",
    "--no-renames",
    "--no-show-signature",
    "--no-relative",
    "--root",
    ...merges,
    ...revs,
    "--",
  ]);
  const { reader } = git;
  let commit: CommitInfo | undefined;
  for (;;) {
    const next = await reader.peek();
    if (next === -1) break;
    if (next === 1) {
      await reader.skip(1);
      const fields: string[] = [];
      for (let i = 0; i < 4; i += 1) fields.push((await reader.readUntil(0))?.toString("utf8") ?? "");
      const [sha = "", author = "", email = "", date = ""] = fields;
      commit = { sha, author, email, date };
      walk.commits += 1;
    } else if (next === 58) {
      const meta = (await reader.readUntil(0))?.toString("latin1") ?? "";
      const rawPath = await reader.readUntil(0);
      if (!commit || !rawPath) continue;
      const [, mode = "", , id = ""] = meta.split(" ");
      if (mode === DELETED_MODE) continue;
      if (mode === SUBMODULE_MODE) {
        walk.submodules.add(id);
        continue;
      }
      const path = rawPath.toString("utf8");
      const at = { order: walk.commits, commit, path };
      if (mode === SYMLINK_MODE) walk.symlinks.add(id);
      else if (blobs.has(id)) {
        const list = walk.appearances.get(id) ?? [];
        list.push(at);
        walk.appearances.set(id, list);
      }
      let flagged = judged.get(path);
      if (flagged === undefined) {
        flagged = judgePath(path);
        judged.set(path, flagged);
      }
      for (const finding of flagged) walk.pathCandidates.push({ finding: { ...finding, blob: id }, ...at });
    } else {
      await reader.skip(1);
    }
  }
  await git.finished;
  return walk;
}
