/**
 * Turns byte offsets into 1-based lines and columns. Lines end at `\n` (a `\r` before it belongs to the
 * line it ends); columns count Unicode code points, so tabs and multi-byte characters count once.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(
    private readonly data: Buffer,
    private readonly lineNumbers?: readonly number[],
  ) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    let at = this.data.indexOf(10);
    while (at !== -1) {
      starts.push(at + 1);
      at = this.data.indexOf(10, at + 1);
    }
    this.starts = starts;
    return starts;
  }

  /** 0-based index of the line holding byte `offset`. */
  lineIndexOf(offset: number): number {
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The file line (1-based) of the fragment's line index. */
  fileLine(index: number): number {
    return this.lineNumbers?.[index] ?? index + 1;
  }

  position(offset: number): { line: number; column: number } {
    const index = this.lineIndexOf(offset);
    const start = this.lineStarts()[index] as number;
    return { line: this.fileLine(index), column: codePoints(this.data, start, offset) + 1 };
  }

  /** Byte range of the line holding `offset`, without its line ending. */
  lineSpan(offset: number): { start: number; end: number } {
    const starts = this.lineStarts();
    const index = this.lineIndexOf(offset);
    const start = starts[index] as number;
    let end = index + 1 < starts.length ? (starts[index + 1] as number) - 1 : this.data.length;
    if (end > start && this.data[end - 1] === 13) end -= 1;
    return { start, end };
  }
}

/** Code points in data[start, end): every byte that does not continue a UTF-8 sequence starts one. */
function codePoints(data: Buffer, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if (((data[i] as number) & 0xc0) !== 0x80) count++;
  return count;
}
