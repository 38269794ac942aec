/**
 * Pull-style reads over a stream of Buffers: up to a delimiter, an exact count, or a count to discard.
 * Git's output mixes NUL-separated fields, text lines and raw blob bytes; this reads all three without
 * converting anything to strings, and without quadratic copying for long lines or big blobs.
 */
export class ByteReader {
  private readonly source: AsyncIterator<Buffer>;
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;
  private ended = false;

  constructor(stream: AsyncIterable<Buffer>) {
    this.source = stream[Symbol.asyncIterator]();
  }

  private get available(): number {
    return this.buffer.length - this.offset;
  }

  /** Reads one more chunk from the source; false at its end. */
  private async nextChunk(): Promise<Buffer | undefined> {
    if (this.ended) return undefined;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      return undefined;
    }
    return next.value;
  }

  /** The next byte without consuming it, or -1 at the end. */
  async peek(): Promise<number> {
    while (this.available === 0) {
      const chunk = await this.nextChunk();
      if (!chunk) return -1;
      this.buffer = chunk;
      this.offset = 0;
    }
    return this.buffer[this.offset] as number;
  }

  /** The bytes up to `delimiter` (consumed, not returned); the rest at the end; undefined when nothing is left. */
  async readUntil(delimiter: number): Promise<Buffer | undefined> {
    const at = this.buffer.indexOf(delimiter, this.offset);
    if (at !== -1) {
      const out = this.buffer.subarray(this.offset, at);
      this.offset = at + 1;
      return out;
    }
    const parts: Buffer[] = this.available > 0 ? [this.buffer.subarray(this.offset)] : [];
    this.buffer = Buffer.alloc(0);
    this.offset = 0;
    for (;;) {
      const chunk = await this.nextChunk();
      if (!chunk) return parts.length > 0 ? Buffer.concat(parts) : undefined;
      const end = chunk.indexOf(delimiter);
      if (end === -1) {
        parts.push(chunk);
        continue;
      }
      parts.push(chunk.subarray(0, end));
      this.buffer = chunk;
      this.offset = end + 1;
      return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    }
  }

  /** Everything left. */
  async readRest(): Promise<Buffer> {
    const parts: Buffer[] = this.available > 0 ? [this.buffer.subarray(this.offset)] : [];
    this.buffer = Buffer.alloc(0);
    this.offset = 0;
    for (let chunk = await this.nextChunk(); chunk; chunk = await this.nextChunk()) parts.push(chunk);
    return Buffer.concat(parts);
  }

  /** Exactly `count` bytes; throws when the stream ends first. */
  async read(count: number): Promise<Buffer> {
    if (this.available >= count) {
      const out = this.buffer.subarray(this.offset, this.offset + count);
      this.offset += count;
      return out;
    }
    const parts: Buffer[] = [this.buffer.subarray(this.offset)];
    let have = this.available;
    for (;;) {
      const chunk = await this.nextChunk();
      if (!chunk) throw new Error(`the stream ended ${count - have} bytes early`);
      if (have + chunk.length >= count) {
        const take = count - have;
        parts.push(chunk.subarray(0, take));
        this.buffer = chunk;
        this.offset = take;
        return Buffer.concat(parts, count);
      }
      parts.push(chunk);
      have += chunk.length;
    }
  }

  /** Discards `count` bytes without keeping them (a blob too large to scan). */
  async skip(count: number): Promise<void> {
    let left = count;
    for (;;) {
      const take = Math.min(left, this.available);
      this.offset += take;
      left -= take;
      if (left === 0) return;
      const chunk = await this.nextChunk();
      if (!chunk) throw new Error(`the stream ended ${left} bytes early`);
      this.buffer = chunk;
      this.offset = 0;
    }
  }
}
