/**
 * What a pattern guarantees about every text it can match, read from its syntax alone: whether each
 * match contains one of the rule's keywords, and how many line feeds a match can hold at most. A rule
 * with both guarantees can be run on the lines around its keywords instead of on the whole fragment
 * (see keyword-windows.ts). The reading is conservative: any syntax it does not know answers "no".
 */
export interface PatternReach {
  /**
   * Most `\n` bytes one match can contain (Infinity for no bound), not counting a first or last
   * character that stands alone, as in `(?:^|[^\w])token…(?:\W|$)`: such a character can only be the
   * byte just before or after the lines the rest of the match spans, which every window takes in.
   */
  maxNewlines: number;
  /** Most bytes one match can span (Infinity for no bound). */
  maxBytes: number;
}

interface Node {
  /** Most line feeds this node can consume. */
  newlines: number;
  /** Most bytes it can consume (a character outside ASCII takes up to four). */
  bytes: number;
  /** Every text this node matches contains one of the keywords. */
  keyword: boolean;
  /** Every text it can match (lowercased), when they are few: neighbours in a sequence join them. */
  strings: string[] | undefined;
  /**
   * It consumes at most one character and looks at no neighbour (`^` and `$` alone are allowed: they
   * cannot make a window match what the whole fragment does not, see keyword-windows.ts).
   */
  oneChar: boolean;
  /** Most line feeds, not counting those of a one-character first or last item (PatternReach.maxNewlines). */
  inner: number;
}

class Unsupported extends Error {}

const ANCHOR: Node = { newlines: 0, bytes: 0, keyword: false, strings: [""], oneChar: true, inner: 0 };
/** `\b`, `\B`: they read the bytes either side of where they stand. */
const BOUNDARY: Node = { ...ANCHOR, oneChar: false };
/** A bare flag group such as `(?i)`: nothing at all, skipped when looking for a first or last item. */
const FLAGS: Node = { ...ANCHOR };
/** A character class, `.` or an escape standing for one character outside a few. */
const ONE_CHAR = { keyword: false, strings: undefined, oneChar: true } as const;
/** At most this many alternative texts are followed through a sequence. */
const MAX_STRINGS = 64;
/** Beyond these bounds a rule is run on whole fragments: its windows would be most of the file anyway. */
const MAX_NEWLINES = 4;
const MAX_BYTES = 4096;

/** The reach of `pattern` for `keywords` (lowercase), or undefined when it cannot be windowed safely. */
export function patternReach(pattern: string, keywords: readonly string[]): PatternReach | undefined {
  // Keywords are searched for as ASCII (keyword-windows.ts): a non-ASCII one keeps whole-fragment runs.
  if (keywords.length === 0 || keywords.some((k) => !/^[\x20-\x7e]+$/.test(k))) return undefined;
  try {
    const parser = new Parser(pattern, keywords);
    const node = parser.alternation();
    if (parser.at < pattern.length) return undefined;
    const newlines = node.inner <= MAX_NEWLINES ? node.inner : Number.POSITIVE_INFINITY;
    const bytes = node.bytes <= MAX_BYTES ? node.bytes : Number.POSITIVE_INFINITY;
    if (!node.keyword || (newlines === Number.POSITIVE_INFINITY && bytes === Number.POSITIVE_INFINITY))
      return undefined;
    return { maxNewlines: newlines, maxBytes: bytes };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

interface Flags {
  dotAll: boolean;
}

class Parser {
  at = 0;
  private flags: Flags = { dotAll: false };

  constructor(
    private readonly source: string,
    private readonly keywords: readonly string[],
  ) {}

  alternation(): Node {
    const branches = [this.sequence()];
    while (this.source[this.at] === "|") {
      this.at += 1;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0] as Node;
    return {
      newlines: Math.max(...branches.map((b) => b.newlines)),
      bytes: Math.max(...branches.map((b) => b.bytes)),
      keyword: branches.every((b) => b.keyword),
      strings: union(branches.map((b) => b.strings)),
      oneChar: branches.every((b) => b.oneChar),
      inner: Math.max(...branches.map((b) => b.inner)),
    };
  }

  private sequence(): Node {
    let newlines = 0;
    let bytes = 0;
    let keyword = false;
    // The texts the latest stretch of finite nodes can match: when each holds a keyword, every match does.
    let run: string[] = [""];
    let whole: string[] | undefined = [""];
    const items: Node[] = [];
    while (this.at < this.source.length && this.source[this.at] !== "|" && this.source[this.at] !== ")") {
      const node = this.quantified(this.atom());
      if (node !== FLAGS) items.push(node);
      newlines += node.newlines;
      bytes += node.bytes;
      keyword ||= node.keyword;
      if (node.strings === undefined) {
        run = [""];
        whole = undefined;
      } else {
        // Too many texts to follow: a stretch may as well start here.
        run = product(run, node.strings) ?? node.strings;
        whole = whole && product(whole, node.strings);
        keyword ||= run.every((text) => this.hasKeyword(text));
      }
    }
    // A bare `(?s)` lasts to the end of its group (group() restores the flags), across `|` too.
    return { newlines, bytes, keyword, strings: whole, ...edges(items, newlines) };
  }

  private hasKeyword(text: string): boolean {
    return this.keywords.some((keyword) => text.includes(keyword));
  }

  private quantified(node: Node): Node {
    const char = this.source[this.at];
    let min: number;
    let max: number;
    if (char === "*" || char === "+" || char === "?") {
      this.at += 1;
      min = char === "+" ? 1 : 0;
      max = char === "?" ? 1 : Number.POSITIVE_INFINITY;
    } else if (char === "{" && /^\{\d+(,\d*)?\}/.test(this.source.slice(this.at))) {
      const [text, low, rest] = /^\{(\d+)(,\d*)?\}/.exec(this.source.slice(this.at)) as RegExpExecArray;
      this.at += text.length;
      min = Number(low);
      max = rest === undefined ? min : rest === "," ? Number.POSITIVE_INFINITY : Number(rest.slice(1));
    } else {
      return node;
    }
    if (this.source[this.at] === "?") this.at += 1;
    if ("*+?{".includes(this.source[this.at] ?? "x")) throw new Unsupported();
    const newlines = node.newlines === 0 ? 0 : node.newlines * max;
    const bytes = node.bytes === 0 ? 0 : node.bytes * max;
    return {
      newlines,
      bytes,
      keyword: min > 0 && node.keyword,
      strings: repeated(node.strings, min, max),
      oneChar: node.oneChar && max <= 1,
      inner: newlines,
    };
  }

  private atom(): Node {
    const char = this.source[this.at] as string;
    if (char === "(") return this.group();
    if (char === "[") return this.charClass();
    this.at += 1;
    if (char === "\\") return this.escape();
    if (char === "^" || char === "$") return ANCHOR;
    if (char === ".") return { ...ONE_CHAR, newlines: this.flags.dotAll ? 1 : 0, bytes: 4, inner: 0 };
    if (char === "*" || char === "+" || char === "?" || char === "{") throw new Unsupported();
    return literalNode(char);
  }

  private group(): Node {
    const rest = this.source.slice(this.at);
    const flagsOnly = /^\(\?([imsU]*)(?:-([imsU]*))?\)/.exec(rest);
    if (flagsOnly) {
      this.at += flagsOnly[0].length;
      this.setFlags(flagsOnly[1] ?? "", flagsOnly[2] ?? "");
      return FLAGS;
    }
    const opening = /^\((?:\?P?<[A-Za-z_][A-Za-z0-9_]*>|\?([imsU]*)(?:-([imsU]*))?:)?/.exec(
      rest,
    ) as RegExpExecArray;
    if (rest.startsWith("(?") && opening[0] === "(") throw new Unsupported();
    this.at += opening[0].length;
    const saved = { ...this.flags };
    this.setFlags(opening[1] ?? "", opening[2] ?? "");
    const inner = this.alternation();
    this.flags = saved;
    if (this.source[this.at] !== ")") throw new Unsupported();
    this.at += 1;
    return inner;
  }

  private setFlags(on: string, off: string): void {
    if (on.includes("s")) this.flags.dotAll = true;
    if (off.includes("s")) this.flags.dotAll = false;
  }

  private escape(): Node {
    const char = this.source[this.at];
    if (char === undefined) throw new Unsupported();
    this.at += 1;
    if ("bB".includes(char)) return BOUNDARY;
    if ("Az".includes(char)) return ANCHOR;
    if ("dws".includes(char)) return { ...ONE_CHAR, newlines: char === "s" ? 1 : 0, bytes: 1, inner: 0 };
    if ("SDW".includes(char)) return { ...ONE_CHAR, newlines: char === "S" ? 0 : 1, bytes: 4, inner: 0 };
    if (char === "n") return literalNode("\n");
    if (char === "t") return literalNode("\t");
    if (char === "r") return literalNode("\r");
    if (char === "f" || char === "v") return { ...ONE_CHAR, newlines: 0, bytes: 1, inner: 0 };
    if (char === "x") {
      const hex = /^(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{2}))/.exec(this.source.slice(this.at));
      if (!hex) throw new Unsupported();
      this.at += hex[0].length;
      return literalNode(String.fromCodePoint(Number.parseInt(hex[1] ?? hex[2] ?? "", 16)));
    }
    // Escaped punctuation is itself; letters and digits we do not know (\p, \Q, \C, back-references…) stop us.
    if (/[A-Za-z0-9]/.test(char)) throw new Unsupported();
    return literalNode(char);
  }

  /** A bracket class: whether it can match `\n` or a character outside ASCII. Never a keyword. */
  private charClass(): Node {
    this.at += 1;
    let negated = false;
    if (this.source[this.at] === "^") {
      negated = true;
      this.at += 1;
    }
    let newline = false;
    let wide = false;
    let first = true;
    let members: string[] | undefined = [];
    while (this.at < this.source.length && (first || this.source[this.at] !== "]")) {
      first = false;
      if (this.source.startsWith("[:", this.at)) {
        const end = this.source.indexOf(":]", this.at);
        if (end < 0) throw new Unsupported();
        const name = this.source.slice(this.at + 2, end);
        this.at = end + 2;
        if (!["alnum", "alpha", "digit", "lower", "upper", "xdigit", "punct", "word"].includes(name)) {
          newline = true;
          wide = true;
        }
        members = undefined;
        continue;
      }
      const low = this.classMember();
      if (typeof low !== "number") {
        newline ||= low.newline;
        wide ||= low.wide;
        members = undefined;
        continue;
      }
      let high = low;
      if (this.source[this.at] === "-" && this.source[this.at + 1] !== "]") {
        this.at += 1;
        const end = this.classMember();
        if (typeof end !== "number") throw new Unsupported();
        high = end;
      }
      if (low <= 10 && high >= 10) newline = true;
      if (high >= 0x80) wide = true;
      if (members && high - low < 8) {
        for (let code = low; code <= high; code += 1) members.push(String.fromCodePoint(code).toLowerCase());
      } else members = undefined;
    }
    if (this.source[this.at] !== "]") throw new Unsupported();
    this.at += 1;
    return {
      newlines: newline !== negated ? 1 : 0,
      bytes: wide || negated ? 4 : 1,
      keyword: false,
      strings: negated || wide || !members || members.length > 8 ? undefined : [...new Set(members)],
      oneChar: true,
      inner: 0,
    };
  }

  /** One class member: a code point, or what a shorthand class (`\s`, `\W`…) can match. */
  private classMember(): number | { newline: boolean; wide: boolean } {
    const char = this.source[this.at] as string;
    this.at += 1;
    if (char !== "\\") return char.codePointAt(0) as number;
    const escaped = this.source[this.at];
    if (escaped === undefined) throw new Unsupported();
    this.at += 1;
    if ("dws".includes(escaped)) return { newline: escaped === "s", wide: false };
    if ("SDW".includes(escaped)) return { newline: escaped !== "S", wide: true };
    if (escaped === "n") return 10;
    if (escaped === "t") return 9;
    if (escaped === "r") return 13;
    if (escaped === "x") {
      const hex = /^(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{2}))/.exec(this.source.slice(this.at));
      if (!hex) throw new Unsupported();
      this.at += hex[0].length;
      return Number.parseInt(hex[1] ?? hex[2] ?? "", 16);
    }
    if (/[A-Za-z0-9]/.test(escaped)) throw new Unsupported();
    return escaped.codePointAt(0) as number;
  }
}

function literalNode(char: string): Node {
  // Outside ASCII, a case-insensitive letter may match a fold of another UTF-8 length: count the most.
  const bytes = char.charCodeAt(0) < 0x80 ? 1 : 4;
  return {
    newlines: char === "\n" ? 1 : 0,
    bytes,
    keyword: false,
    strings: [char.toLowerCase()],
    oneChar: true,
    inner: 0,
  };
}

/** What a sequence of `items` (flag groups left out) is in one character, and its newlines bar its edges. */
function edges(items: Node[], newlines: number): Pick<Node, "oneChar" | "inner"> {
  const [first] = items;
  const last = items[items.length - 1];
  if (!first || !last) return { oneChar: true, inner: 0 };
  if (items.length === 1) return { oneChar: first.oneChar, inner: first.inner };
  let inner = newlines;
  if (first.oneChar) inner -= first.newlines;
  if (last.oneChar) inner -= last.newlines;
  return { oneChar: false, inner };
}

function union(sets: (string[] | undefined)[]): string[] | undefined {
  const all = new Set<string>();
  for (const set of sets) {
    if (!set) return undefined;
    for (const text of set) all.add(text);
  }
  return all.size <= MAX_STRINGS ? [...all] : undefined;
}

function product(left: string[], right: string[]): string[] | undefined {
  if (left.length * right.length > MAX_STRINGS) return undefined;
  return [...new Set(left.flatMap((a) => right.map((b) => a + b)))];
}

/** The texts of `min` to `max` repetitions of one of `strings`, when they are few. */
function repeated(strings: string[] | undefined, min: number, max: number): string[] | undefined {
  if (!strings || max > 4) return undefined;
  let power: string[] | undefined = [""];
  const all: (string[] | undefined)[] = [];
  for (let count = 0; count <= max && power; count += 1) {
    if (count >= min) all.push(power);
    power = product(power, strings);
  }
  return all.length === max - min + 1 ? union(all) : undefined;
}
