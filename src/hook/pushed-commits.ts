import type { SourceItem } from "../engine/types.js";
import { COMMIT_HEADER_FORMAT, DIFF_ARGS, parseDiff } from "../sources/diff-parser.js";
import { spawnGit } from "../sources/git.js";
import { DEFAULT_MAX_FILE_SIZE } from "../sources/limits.js";

export interface NewCommitsOptions {
  cwd: string;
  /** The tip of the branch being pushed. */
  head: string;
  maxFileSize?: number;
  /** Counts the commits read, for the stats. */
  onCommit?: () => void;
}

/**
 * The lines added by the commits of `head` that no remote-tracking branch has: what a push of a new
 * branch sends. The diff source reads `base..head`; a new branch has no single base, so this asks git
 * for `head --not --remotes` in the same format and hands it to the same parser.
 */
export async function* readNewCommits(options: NewCommitsOptions): AsyncGenerator<SourceItem> {
  const git = spawnGit(options.cwd, [
    "log",
    COMMIT_HEADER_FORMAT,
    "--reverse",
    "--topo-order",
    "--no-show-signature",
    "--root",
    ...DIFF_ARGS,
    options.head,
    "--not",
    "--remotes",
    "--",
  ]);
  let complete = false;
  try {
    yield* parseDiff(git.reader, {
      provenance: { kind: "staged" },
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      ...(options.onCommit ? { onCommit: options.onCommit } : {}),
    });
    await git.finished;
    complete = true;
  } finally {
    if (!complete) git.stop();
  }
}
