import type { Detector } from "../engine/detector.js";
import type { SourceItem } from "../engine/types.js";
import { type ScanOptions, type ScanResult, scan } from "../scan.js";
import { DIFF_ARGS, parseDiff } from "./diff-parser.js";
import { spawnGit } from "./git.js";
import { DEFAULT_MAX_FILE_SIZE } from "./limits.js";

export interface StagedOptions {
  /** Any folder inside the repository (or worktree, or submodule). */
  cwd: string;
  maxFileSize?: number;
}

/**
 * What `git commit` is about to record: the index against HEAD (the empty tree before the first commit),
 * added lines only, read from the staged blobs and never from the working tree. Added, renamed and copied
 * files are also judged by their path. Git finds the index itself, so worktrees, submodules, hooks and a
 * `GIT_INDEX_FILE` set by `git commit <paths>` all work unchanged.
 */
export async function* readStaged(options: StagedOptions): AsyncGenerator<SourceItem> {
  // Without a commit named, git compares the index with HEAD, or with the empty tree before the first
  // commit: no rev-parse first, which the hook would pay for on every commit.
  const git = spawnGit(options.cwd, ["diff", "--cached", ...DIFF_ARGS, "--ignore-submodules=none", "--"]);
  let complete = false;
  try {
    yield* parseDiff(git.reader, {
      provenance: { kind: "staged" },
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    });
    await git.finished;
    complete = true;
  } finally {
    if (!complete) git.stop();
  }
}

/** `leakgate staged` for any front door (the CLI, the pre-commit hook): findings are relative to the top level. */
export async function scanStaged(
  options: StagedOptions & { detector: Detector; scan?: ScanOptions },
): Promise<ScanResult> {
  return scan(readStaged(options), options.detector, options.scan ?? {});
}
