import type { KeywordFinder } from "./keyword-index.js";
import type { PatternReach } from "./pattern-reach.js";
import type { Span } from "./regex.js";

/** Windows this close together are run as one: each exec call has a fixed cost. */
const MERGE_GAP = 256;
/** Case-insensitive RE2 folds these onto `k` and `s` (KELVIN SIGN, LONG S): a keyword search on ASCII would miss them. */
const FOLDS_TO_ASCII = [Buffer.from("\u212a"), Buffer.from("\u017f")];
/** A rule bounded both ways gets byte windows up to this bound: past it, its lines are usually narrower. */
const BYTE_WINDOWS_UP_TO = 512;

/**
 * The parts of a fragment around the occurrences of some keywords. For a rule whose every match contains
 * one of its keywords and is bounded (pattern-reach.ts: at most `b` bytes, or at most `n` line feeds),
 * running its regex on these windows finds exactly what a run over the whole fragment finds:
 *
 * - A window spans `b` bytes either side of a keyword, or else the lines from `n` above to `n` below its
 *   line; windows that overlap merge. Every match lies inside one, since it holds a keyword and is bounded.
 * - It is then widened by one byte each side, so that `^`, `$` and `\b` inside it look at the same bytes
 *   as in the whole fragment. A match using one of those two bytes would have to reach further from every
 *   keyword in it than its bound allows, which cannot be.
 *
 * All the keywords a fragment holds are found in one pass (KeywordFinder), for all the rules sharing them.
 */
export class KeywordWindows {
  private found: Map<string, number[]> | undefined;
  private readonly folds: boolean;

  /** `present`: the keywords the prefilter found; no other one is searched for. */
  constructor(
    private readonly data: Buffer,
    private readonly present: ReadonlySet<string>,
    private readonly finder: KeywordFinder,
  ) {
    this.folds = FOLDS_TO_ASCII.some((bytes) => data.includes(bytes));
  }

  /** Byte spans holding every match of such a rule, in order; undefined when the whole fragment must run. */
  spans(keywords: readonly string[], reach: PatternReach): Span[] | undefined {
    if (this.folds || !keywords.every((keyword) => this.finder.knows(keyword))) return undefined;
    const byBytes = reach.maxBytes <= BYTE_WINDOWS_UP_TO || !Number.isFinite(reach.maxNewlines);
    if (byBytes && !Number.isFinite(reach.maxBytes)) return undefined;
    const windows: Span[] = [];
    for (const keyword of keywords) {
      if (!this.present.has(keyword)) continue;
      if (byBytes) this.aroundBytes(keyword, reach.maxBytes, windows);
      else this.aroundLines(keyword, reach.maxNewlines, windows);
    }
    return this.merged(windows, keywords.length > 1);
  }

  private aroundBytes(keyword: string, bytes: number, out: Span[]): void {
    for (const at of this.occurrences(keyword)) {
      out.push({
        start: Math.max(0, at + keyword.length - bytes),
        end: Math.min(this.data.length, at + bytes),
      });
    }
  }

  private aroundLines(keyword: string, lines: number, out: Span[]): void {
    const data = this.data;
    let lineEnd = -1;
    for (const at of this.occurrences(keyword)) {
      if (at < lineEnd) continue;
      const feed = data.indexOf(10, at);
      lineEnd = feed === -1 ? data.length : feed + 1;
      out.push({
        start: this.linesUp(data.lastIndexOf(10, at) + 1, lines),
        end: this.linesDown(lineEnd, lines),
      });
    }
  }

  private merged(windows: Span[], unsorted: boolean): Span[] {
    if (unsorted) windows.sort((a, b) => a.start - b.start);
    const spans: Span[] = [];
    let current: Span | undefined;
    for (const window of windows) {
      if (current && window.start <= current.end + MERGE_GAP) current.end = Math.max(current.end, window.end);
      else {
        current = { ...window };
        spans.push(current);
      }
    }
    for (const span of spans) {
      span.start = Math.max(0, span.start - 1);
      span.end = Math.min(this.data.length, span.end + 1);
    }
    return spans;
  }

  /** Every offset where `keyword` occurs, case-insensitively, in order: all present keywords in one pass. */
  private occurrences(keyword: string): number[] {
    this.found ??= this.finder.find(this.data, this.present);
    return this.found.get(keyword) ?? [];
  }

  /** The start of the line `count` lines above the one starting at `start`. */
  private linesUp(start: number, count: number): number {
    let at = start;
    for (let i = 0; i < count && at > 0; i += 1) at = at < 2 ? 0 : this.data.lastIndexOf(10, at - 2) + 1;
    return at;
  }

  /** The end (after its line feed) of the line `count` lines below the one ending at `end`. */
  private linesDown(end: number, count: number): number {
    let at = end;
    for (let i = 0; i < count && at < this.data.length; i += 1) {
      const feed = this.data.indexOf(10, at);
      at = feed === -1 ? this.data.length : feed + 1;
    }
    return at;
  }
}
