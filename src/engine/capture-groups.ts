/**
 * The capture groups a regex defines, read from its source: `(…)`, `(?P<name>…)` and `(?<name>…)` count,
 * `(?:…)`, `(?i)` and lookarounds do not; escapes and character classes are skipped.
 */
export function captureGroups(pattern: string): { count: number; names: string[] } {
  let count = 0;
  const names: string[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") {
      i++;
    } else if (inClass) {
      if (char === "]") inClass = false;
    } else if (char === "[") {
      inClass = true;
      // `[]…]` and `[^]…]`: a `]` first in a class is a literal.
      if (pattern[i + 1] === "^") i++;
      if (pattern[i + 1] === "]") i++;
    } else if (char === "(") {
      const named = /^\(\?P?<([A-Za-z_]\w*)>/.exec(pattern.slice(i));
      if (named?.[1]) {
        count++;
        names.push(named[1]);
      } else if (pattern[i + 1] !== "?") {
        count++;
      }
    }
  }
  return { count, names };
}
