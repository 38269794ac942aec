/**
 * Rewrites an RE2 pattern for JavaScript's RegExp, which before Node 22 knows neither `(?P<name>…)` nor
 * flag groups like `(?i:…)`, `(?-i:…)` or a leading `(?i)`. Case-insensitive parts are spelled out
 * (`a` becomes `[aA]`), so the result needs no `i` flag and the parts that are case-sensitive stay so.
 */
export function toJavaScriptPattern(pattern: string): string {
  let out = "";
  const caseless: boolean[] = [false];
  const insensitive = () => caseless[caseless.length - 1] as boolean;
  let i = 0;
  while (i < pattern.length) {
    const rest = pattern.slice(i);
    const flags = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
    if (flags && (flags[1] || flags[2])) {
      const on = flags[1]?.includes("i") ? true : flags[2]?.includes("i") ? false : insensitive();
      if (flags[3] === ")") caseless[caseless.length - 1] = on;
      else {
        caseless.push(on);
        out += "(?:";
      }
      i += flags[0].length;
      continue;
    }
    const char = pattern[i] as string;
    if (char === "\\") {
      out += translateEscape(pattern.slice(i, i + 2));
      i += 2;
    } else if (char === "[") {
      const end = classEnd(pattern, i);
      const body = pattern.slice(i, end + 1);
      out += insensitive() ? caselessClass(body) : body;
      i = end + 1;
    } else if (char === "(") {
      caseless.push(insensitive());
      const named = /^\(\?P?<([A-Za-z_]\w*)>/.exec(rest);
      out += named ? `(?<${named[1]}>` : "(";
      i += named ? named[0].length : 1;
    } else if (char === ")") {
      if (caseless.length > 1) caseless.pop();
      out += ")";
      i += 1;
    } else {
      out += insensitive() && /[a-z]/i.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : char;
      i += 1;
    }
  }
  return out;
}

/**
 * JavaScript's `m` and `s` flags for a pattern that sets them anywhere: they cannot be scoped to a group
 * there, and patterns set them for the whole pattern in practice.
 */
export function javaScriptFlags(pattern: string): string {
  let flags = "";
  for (const [, on = ""] of pattern.matchAll(/\(\?([a-zA-Z]+)(?:-[a-zA-Z]*)?[:)]/g)) {
    if (on.includes("m") && !flags.includes("m")) flags += "m";
    if (on.includes("s") && !flags.includes("s")) flags += "s";
  }
  return flags;
}

function translateEscape(sequence: string): string {
  if (sequence === "\\z") return "$";
  if (sequence === "\\A") return "^";
  return sequence;
}

/** Index of the `]` closing the class that opens at `start`. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === "^") i++;
  if (pattern[i] === "]") i++;
  while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
  return i;
}

/** A class that also holds the other case of every letter and letter range in it. */
function caselessClass(body: string): string {
  const inner = body.slice(1, -1);
  const negated = inner.startsWith("^");
  const items = negated ? inner.slice(1) : inner;
  let extra = "";
  for (const [range, from, to] of items.matchAll(/(?<!\\)([a-zA-Z])-([a-zA-Z])/g)) {
    if (range && from && to) extra += swapCase(from) + "-" + swapCase(to);
  }
  for (const [, letter] of items
    .replace(/\\./g, "")
    .replace(/[a-zA-Z]-[a-zA-Z]/g, "")
    .matchAll(/([a-zA-Z])/g)) {
    if (letter) extra += swapCase(letter);
  }
  // A trailing "-" is a literal hyphen; letters after it would turn it into a range.
  const widened =
    items.endsWith("-") && !items.endsWith("\\-") ? `${items.slice(0, -1)}${extra}-` : `${items}${extra}`;
  return `[${negated ? "^" : ""}${widened}]`;
}

function swapCase(letter: string): string {
  return letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase();
}
