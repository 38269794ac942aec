import type { Provenance, SourceItem } from "../engine/types.js";
import { catFileBatch, spawnGit } from "./git.js";

/** How far a history read has got, for a progress bar. `total` is known once git has listed every blob. */
export interface HistoryProgress {
  objects: number;
  total: number | undefined;
  bytes: number;
}

export interface BlobListing {
  /** rev-list arguments: tips and `^exclusions`. */
  revs: string[];
  maxFileSize: number;
  /** Blobs and trees refs point at directly (a tag of a blob): the ref names them, as no path does. */
  names?: ReadonlyMap<string, string>;
  onProgress?: (progress: HistoryProgress) => void;
}

/** Blob fragments have no commit until attribution; this marks them. */
export const UNATTRIBUTED: Provenance = { kind: "file" };

/** The path of a blob no tree and no ref names (one only a tag of a tag points to). */
const UNNAMED = "(tagged object)";
const LFS_POINTER = Buffer.from("version https://git-lfs.github.com/spec/");
const HEX_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * Every blob reachable from `revs`, each exactly once (rev-list dedupes objects), read through ONE
 * `git cat-file --batch` fed while rev-list is still listing. Each blob is one fragment, with the path
 * rev-list first met it at and its id; blobs over the size limit are read past and counted. Path rules
 * do not run here: they judge every path a blob was ever at, in the tree walk (history-walk.ts).
 */
export async function* readHistoryBlobs(cwd: string, listing: BlobListing): AsyncGenerator<SourceItem> {
  const paths = new PathQueue();
  const progress: HistoryProgress = { objects: 0, total: undefined, bytes: 0 };
  const ids = listBlobs(cwd, listing, paths, progress);
  for await (const object of catFileBatch(cwd, ids, listing.maxFileSize)) {
    const path = paths.shift();
    progress.objects += 1;
    progress.bytes += object.size;
    listing.onProgress?.(progress);
    if (object.type !== "blob") continue;
    const base = { path, provenance: UNATTRIBUTED, blob: object.id, checkPath: false };
    if (object.data === undefined) {
      yield { ...base, skipped: "too-large", detail: `${object.size} bytes` };
    } else if (object.data.subarray(0, LFS_POINTER.length).equals(LFS_POINTER)) {
      yield { ...base, skipped: "lfs-pointer" };
    } else {
      yield { ...base, data: object.data };
    }
  }
  progress.total = progress.objects;
  listing.onProgress?.(progress);
}

/** `git rev-list --objects`, blobs only: yields ids for cat-file and queues their paths in the same order. */
async function* listBlobs(
  cwd: string,
  listing: BlobListing,
  paths: PathQueue,
  progress: HistoryProgress,
): AsyncGenerator<string> {
  const git = spawnGit(cwd, ["rev-list", "--objects", "--filter=object:type=blob", ...listing.revs, "--"]);
  let count = 0;
  let complete = false;
  try {
    // An id is handed on only once the next line has been read: a path may continue on it.
    let held: string | undefined;
    for (;;) {
      const line = await git.reader.readUntil(10);
      if (line === undefined) break;
      const space = line.indexOf(32);
      const id = (space === -1 ? line : line.subarray(0, space)).toString("latin1");
      if (!HEX_ID.test(id)) {
        if (held !== undefined) paths.appendToLast(`\n${line.toString("utf8")}`);
        continue;
      }
      if (held !== undefined) yield held;
      held = undefined;
      if (space === -1) continue;
      // A blob only a ref points to comes with an empty path: the ref names it.
      const path = line.subarray(space + 1).toString("utf8");
      paths.push(path || (listing.names?.get(id) ?? UNNAMED));
      count += 1;
      held = id;
    }
    if (held !== undefined) yield held;
    await git.finished;
    progress.total = count;
    complete = true;
  } finally {
    if (!complete) git.stop();
  }
}

/** A FIFO of paths that does not copy on every shift. */
class PathQueue {
  private items: string[] = [];
  private head = 0;

  push(path: string): void {
    this.items.push(path);
  }

  appendToLast(text: string): void {
    const last = this.items.length - 1;
    if (last >= this.head) this.items[last] += text;
  }

  shift(): string {
    const path = this.items[this.head] ?? "";
    this.head += 1;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return path;
  }
}
