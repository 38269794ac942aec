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
      const prefix = prefixOf(keyword);
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
        if (found[index] === 0 && occursAt(this.bytes[index] as Buffer, data, at)) {
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
}

/**
 * Where keywords occur, not only whether (keyword windows need the offsets): the same one pass as
 * KeywordIndex, over the few keywords a fragment is known to hold (lowercase ASCII, two bytes or more).
 */
export class KeywordFinder {
  /** Per pass, for each two-byte prefix, 1 + the index in `lists` of the wanted keywords it begins (set, then cleared). */
  private readonly slot = new Uint32Array(0x10000);
  private readonly bytes = new Map<string, Buffer>();

  constructor(keywords: Iterable<string>) {
    for (const keyword of new Set(keywords)) {
      if (keyword.length >= 2) this.bytes.set(keyword, Buffer.from(keyword, "latin1"));
    }
  }

  /** Whether `keyword` is one this finder searches for. */
  knows(keyword: string): boolean {
    return this.bytes.has(keyword);
  }

  /** The offsets of each wanted keyword in `data`, in order. */
  find(data: Buffer, wanted: ReadonlySet<string>): Map<string, number[]> {
    const lists: { keyword: Buffer; offsets: number[] }[][] = [];
    const found = new Map<string, number[]>();
    for (const name of wanted) {
      const keyword = this.bytes.get(name);
      if (!keyword) continue;
      const offsets: number[] = [];
      found.set(name, offsets);
      const prefix = prefixOf(keyword);
      if (this.slot[prefix] === 0) {
        lists.push([]);
        this.slot[prefix] = lists.length;
      }
      lists[(this.slot[prefix] as number) - 1]?.push({ keyword, offsets });
    }
    try {
      const last = data.length - 1;
      const slot = this.slot;
      let prefix = last >= 0 ? (LOWER[data[0] as number] as number) : 0;
      for (let at = 0; at < last; at += 1) {
        prefix = ((prefix << 8) | (LOWER[data[at + 1] as number] as number)) & 0xffff;
        const index = slot[prefix] as number;
        if (index === 0) continue;
        for (const entry of lists[index - 1] as { keyword: Buffer; offsets: number[] }[]) {
          if (occursAt(entry.keyword, data, at)) entry.offsets.push(at);
        }
      }
    } finally {
      for (const name of found.keys()) this.slot[prefixOf(this.bytes.get(name) as Buffer)] = 0;
    }
    return found;
  }
}

function prefixOf(keyword: Buffer): number {
  return ((keyword[0] as number) << 8) | (keyword[1] as number);
}

/** Whether `keyword` (lowercase, its first two bytes already matched) occurs at `at`, ASCII case folded. */
function occursAt(keyword: Buffer, data: Buffer, at: number): boolean {
  if (at + keyword.length > data.length) return false;
  for (let i = 2; i < keyword.length; i += 1) if (LOWER[data[at + i] as number] !== keyword[i]) return false;
  return true;
}
