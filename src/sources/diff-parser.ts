import type { CommitInfo, Provenance, SourceItem } from "../engine/types.js";
import { InternalError } from "../errors.js";
import type { ByteReader } from "./byte-reader.js";

/**
 * Reads `git diff|log --raw -p -z -U0` output into fragments of added lines. The NUL-separated raw
 * entries name each file exactly (spaces, quotes, newlines, any bytes) and give its modes and status;
 * the patch sections that follow, in the same order, give the added lines and their file line numbers.
 * Nothing is decoded as text: lines stay Buffers.
 */

/** The log format the parser expects before each commit's entries: \x01 then four NUL-ended fields. */
export const COMMIT_HEADER_FORMAT = "--format=%x01%H%x00%an%x00%ae%x00%aI";

/** Options every diff producer passes so that a user's git configuration cannot change the output. */
export const DIFF_ARGS = [
  "--raw",
  "-p",
  "-z",
  "--unified=0",
  "--no-color",
  "--no-ext-diff",
  "--no-textconv",
  "--no-relative",
  "--submodule=short",
  "--full-index",
  "--find-renames",
  "--find-copies",
] as const;

export interface DiffParseOptions {
  /** Provenance of every fragment until a commit header says otherwise (`staged`). */
  provenance: Provenance;
  maxFileSize: number;
  onCommit?: (commit: CommitInfo) => void;
}

interface RawEntry {
  newMode: string;
  newId: string;
  status: string;
  path: string;
  /** Patch sections that belong to this entry: a type change is printed as a deletion and an addition. */
  sections: number;
}

const SUBMODULE_MODE = "160000";
const SYMLINK_MODE = "120000";
const LFS_POINTER = Buffer.from("version https://git-lfs.github.com/spec/");
const NEWLINE = Buffer.from("\n");
const C = {
  nul: 0,
  header: 1,
  newline: 10,
  colon: 58,
  plus: 43,
  minus: 45,
  backslash: 92,
} as const;

export async function* parseDiff(reader: ByteReader, options: DiffParseOptions): AsyncGenerator<SourceItem> {
  const parser = new DiffState(options);
  for (;;) {
    const next = await reader.peek();
    if (next === -1) break;
    if (next === C.header) {
      yield* parser.flush();
      await reader.skip(1);
      const [sha, author, email, date] = [
        await reader.readUntil(C.nul),
        await reader.readUntil(C.nul),
        await reader.readUntil(C.nul),
        await reader.readUntil(C.nul),
      ].map((field) => field?.toString("utf8") ?? "");
      parser.startCommit({ sha: sha ?? "", author: author ?? "", email: email ?? "", date: date ?? "" });
    } else if (next === C.colon) {
      yield* parser.flush();
      const meta = (await reader.readUntil(C.nul))?.toString("latin1") ?? "";
      const status = meta.split(" ")[4] ?? "";
      let path = await reader.readUntil(C.nul);
      if (status.startsWith("R") || status.startsWith("C")) path = await reader.readUntil(C.nul);
      parser.addEntry(meta, (path ?? Buffer.alloc(0)).toString("utf8"));
    } else if (next === C.nul || next === C.newline) {
      await reader.skip(1);
    } else {
      const line = (await reader.readUntil(C.newline)) ?? Buffer.alloc(0);
      yield* parser.patchLine(line);
      while (parser.inHunk()) parser.hunkLine((await reader.readUntil(C.newline)) ?? Buffer.alloc(0));
    }
  }
  yield* parser.flush();
}

class DiffState {
  private provenance: Provenance;
  private entries: RawEntry[] = [];
  private entryIndex = -1;
  private current: RawEntry | undefined;
  private binary = false;
  private lines: Buffer[] = [];
  private numbers: number[] = [];
  private bytes = 0;
  private minus = 0;
  private plus = 0;
  private nextLine = 0;

  constructor(private readonly options: DiffParseOptions) {
    this.provenance = options.provenance;
  }

  startCommit(commit: CommitInfo): void {
    this.provenance = { kind: "commit", commit };
    this.entries = [];
    this.entryIndex = -1;
    this.options.onCommit?.(commit);
  }

  addEntry(meta: string, path: string): void {
    const [oldMode = "", newMode = "", , newId = "", status = ""] = meta.slice(1).split(" ");
    const unmerged = status === "U";
    const sections = unmerged ? 0 : status === "T" && oldMode !== newMode ? 2 : 1;
    this.entries.push({ newMode, newId, status, path, sections });
  }

  inHunk(): boolean {
    return this.minus > 0 || this.plus > 0;
  }

  *patchLine(line: Buffer): Generator<SourceItem> {
    if (line.subarray(0, 11).toString("latin1") === "diff --git ") {
      yield* this.flush();
      this.nextSection();
    } else if (line[0] === 64 && line[1] === 64) {
      this.startHunk(line.toString("latin1"));
    } else if (line.subarray(0, 13).toString("latin1") === "Binary files ") {
      this.binary = true;
    }
    // Other header lines (index, modes, ---/+++, rename from/to, "\ No newline") say nothing we need.
  }

  hunkLine(line: Buffer): void {
    if (line[0] === C.backslash) return;
    if (line[0] === C.minus) {
      this.minus -= 1;
      return;
    }
    this.plus -= 1;
    if (line[0] !== C.plus || !this.current) return;
    const content = line.subarray(1);
    this.lines.push(content);
    this.numbers.push(this.nextLine);
    this.nextLine += 1;
    this.bytes += content.length + 1;
  }

  private nextSection(): void {
    // flush() has just ended the previous section; its entry may own this one too (a type change).
    const previous = this.entries[this.entryIndex];
    if (previous && previous.sections > 1) {
      previous.sections -= 1;
      this.current = previous;
      return;
    }
    do {
      this.entryIndex += 1;
      this.current = this.entries[this.entryIndex];
    } while (this.current && this.current.sections === 0);
    if (!this.current)
      throw new InternalError("git printed more patch sections than raw entries; please report this");
  }

  private startHunk(header: string): void {
    const match = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(header);
    if (!match) throw new InternalError(`unexpected hunk header from git: ${header.slice(0, 80)}`);
    this.minus = match[1] === undefined ? 1 : Number(match[1]);
    this.nextLine = Number(match[2]);
    this.plus = match[3] === undefined ? 1 : Number(match[3]);
  }

  /** Ends the current file: what it added, or why it was not scanned. */
  *flush(): Generator<SourceItem> {
    const entry = this.current;
    if (entry && entry.status !== "D") yield* this.itemsFor(entry);
    this.current = undefined;
    this.binary = false;
    this.lines = [];
    this.numbers = [];
    this.bytes = 0;
    this.minus = 0;
    this.plus = 0;
  }

  private *itemsFor(entry: RawEntry): Generator<SourceItem> {
    const { path } = entry;
    const provenance = this.provenance;
    const added = /^[ARC]/.test(entry.status);
    const blob = /^0+$/.test(entry.newId) ? undefined : entry.newId;
    const base = { path, provenance, checkPath: added };
    if (entry.newMode === SUBMODULE_MODE) {
      if (added) yield { ...base, skipped: "submodule", checkPath: false };
      return;
    }
    if (entry.newMode === SYMLINK_MODE) {
      if (added) yield { ...base, skipped: "symlink" };
      return;
    }
    if (this.binary) {
      yield { ...base, skipped: "binary" };
      return;
    }
    const first = this.lines[0];
    if (first && this.numbers[0] === 1 && first.subarray(0, LFS_POINTER.length).equals(LFS_POINTER)) {
      yield { ...base, skipped: "lfs-pointer" };
      return;
    }
    if (this.bytes > this.options.maxFileSize) {
      yield { ...base, skipped: "too-large", detail: `${this.bytes} bytes added` };
      return;
    }
    if (this.lines.length === 0 && !added) return;
    const data = joinLines(this.lines, this.bytes);
    yield { ...base, data, lineNumbers: this.numbers, ...(blob ? { blob } : {}) };
  }
}

function joinLines(lines: Buffer[], bytes: number): Buffer {
  if (lines.length === 0) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for (const [i, line] of lines.entries()) {
    if (i > 0) parts.push(NEWLINE);
    parts.push(line);
  }
  return Buffer.concat(parts, Math.max(0, bytes - 1));
}
