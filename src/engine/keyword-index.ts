/** ASCII lowercase of every byte; other bytes stay as they are. */
const LOWER = Uint8Array.from({ length: 256 }, (_, byte) =>
  byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte,
);

/**
 * Which of many keywords occur in a buffer, case-insensitively (ASCII), in one pass over its bytes:
 * each keyword is filed under its first two bytes, so a position costs one table look-up and only
 * the keywords that begin with those two bytes are compared. For short inputs this beats both a
 * search per keyword and building an RE2 set. Keywords shorter than two bytes (a user's rule may
 * have one) are searched for on their own.
 */
export class KeywordIndex {
  /** For each two-byte prefix, the indexes of the keywords that begin with it. */
  private readonly byPrefix = new Map<number, number[]>();
  private readonly hasPrefix = new Uint8Array(0x10000);
  private readonly bytes: Buffer[];
  private readonly short: number[] = [];

  constructor(keywords: readonly string[]) {
    this.bytes = keywords.map((keyword) => Buffer.from(keyword.toLowerCase(), "latin1"));
    this.bytes.forEach((keyword, index) => {
      if (keyword.length < 2) {
        this.short.push(index);
        return;
      }
      const prefix = ((keyword[0] as number) << 8) | (keyword[1] as number);
      this.hasPrefix[prefix] = 1;
      const list = this.byPrefix.get(prefix);
      if (list) list.push(index);
      else this.byPrefix.set(prefix, [index]);
    });
  }

  /** Indexes of the keywords found in `data`, in ascending order. */
  hits(data: Buffer): number[] {
    const found = new Uint8Array(this.bytes.length);
    let count = 0;
    for (const index of this.short) {
      const keyword = this.bytes[index] as Buffer;
      const byte = keyword[0];
      const hit =
        byte === undefined ||
        data.includes(byte) ||
        (byte >= 0x61 && byte <= 0x7a && data.includes(byte - 0x20));
      if (hit) {
        found[index] = 1;
        count += 1;
      }
    }
    const last = data.length - 1;
    let prefix = last >= 0 ? (LOWER[data[0] as number] as number) : 0;
    for (let at = 0; at < last; at += 1) {
      prefix = ((prefix << 8) | (LOWER[data[at + 1] as number] as number)) & 0xffff;
      if (this.hasPrefix[prefix] === 0) continue;
      for (const index of this.byPrefix.get(prefix) as number[]) {
        if (found[index] === 0 && this.occursAt(this.bytes[index] as Buffer, data, at)) {
          found[index] = 1;
          count += 1;
        }
      }
      if (count === this.bytes.length) break;
    }
    const result: number[] = [];
    for (let index = 0; index < found.length; index += 1) if (found[index] === 1) result.push(index);
    return result;
  }

  private occursAt(keyword: Buffer, data: Buffer, at: number): boolean {
    if (at + keyword.length > data.length) return false;
    for (let i = 2; i < keyword.length; i += 1) {
      if (LOWER[data[at + i] as number] !== keyword[i]) return false;
    }
    return true;
  }
}
