import { type PatternReach, patternReach } from "./pattern-reach.js";

/** A reach as JSON holds it: [most newlines, most bytes], null for no bound; null for a rule never windowed. */
export type StoredReach = [number | null, number | null] | null;

/**
 * patternReach, remembered by pattern and keywords. Reading a pattern's reach costs about a quarter of a
 * millisecond, which over the whole catalogue is more than a hook run: the build stores the built-in
 * rules' reaches beside them (rememberReaches), and a rule whose pattern or keywords a user's
 * configuration changed simply misses the table and is read afresh.
 */
const known = new Map<string, PatternReach | undefined>();

function keyOf(pattern: string, keywords: readonly string[]): string {
  return `${pattern}\0${keywords.map((k) => k.toLowerCase()).join("\0")}`;
}

export function reachOf(pattern: string, keywords: readonly string[]): PatternReach | undefined {
  const key = keyOf(pattern, keywords);
  if (!known.has(key))
    known.set(
      key,
      patternReach(
        pattern,
        keywords.map((k) => k.toLowerCase()),
      ),
    );
  return known.get(key);
}

export function storedReach(pattern: string, keywords: readonly string[]): StoredReach {
  const reach = reachOf(pattern, keywords);
  const bound = (n: number) => (Number.isFinite(n) ? n : null);
  return reach ? [bound(reach.maxNewlines), bound(reach.maxBytes)] : null;
}

export function rememberReach(pattern: string, keywords: readonly string[], stored: StoredReach): void {
  const unbounded = (n: number | null) => n ?? Number.POSITIVE_INFINITY;
  known.set(
    keyOf(pattern, keywords),
    stored ? { maxNewlines: unbounded(stored[0]), maxBytes: unbounded(stored[1]) } : undefined,
  );
}
