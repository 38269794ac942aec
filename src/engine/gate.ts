import type { CompiledRule } from "./compile-rule.js";
import { type CompiledSet, compileSet, type Span } from "./regex.js";

/** Rules picked for more than this share of fragments are gated. */
const HOT_SHARE = 0.1;
/** How many patterns one RE2 set holds: past about a dozen complex patterns its automaton slows down. */
const CHUNK = 12;
/** When to look again at which rules are hot: after this many fragments, then at each doubling. */
const FIRST_LOOK = 64;
/** Sets are built at most this many times in a scan: building one costs tens of milliseconds. */
const MAX_BUILDS = 3;

interface Chunk {
  rules: CompiledRule[];
  set: CompiledSet;
}

/**
 * Some rules are picked by the prefilter for most fragments: generic rules, and rules keyed on words
 * common in code (a provider named like an English word). Rather than a pass over the fragment for each,
 * RE2 sets of a dozen of their patterns tell in one pass which of them match at all, and only those run.
 * Which rules are hot is learnt from the scan itself, so a short scan (the hook) never pays to build sets.
 */
export class AdaptiveGate {
  private readonly picked = new Map<CompiledRule, number>();
  private fragments = 0;
  private nextLook = FIRST_LOOK;
  private hot = new Set<CompiledRule>();
  private chunks: Chunk[] = [];
  private builds = 0;

  /**
   * The rules of `selected` worth running on `data`. `spansOf` tells where in `data` a rule's matches can
   * lie (its keyword windows, context bytes included), or undefined for anywhere: a chunk's set then runs
   * on those parts only.
   */
  filter(
    selected: CompiledRule[],
    data: Buffer,
    spansOf: (rule: CompiledRule) => Span[] | undefined = () => undefined,
  ): CompiledRule[] {
    this.observe(selected);
    if (this.chunks.length === 0) return selected;
    const wanted = new Set(selected.filter((rule) => this.hot.has(rule)));
    if (wanted.size < 2) return selected;
    const kept = selected.filter((rule) => !this.hot.has(rule));
    for (const chunk of this.chunks) {
      const rules = chunk.rules.filter((rule) => wanted.has(rule));
      if (rules.length === 0) continue;
      for (const index of chunk.set.match(partsOf(data, rules, spansOf))) {
        const rule = chunk.rules[index];
        if (rule && wanted.has(rule)) kept.push(rule);
      }
    }
    return kept;
  }

  private observe(selected: CompiledRule[]): void {
    this.fragments += 1;
    for (const rule of selected) this.picked.set(rule, (this.picked.get(rule) ?? 0) + 1);
    if (this.fragments < this.nextLook || this.builds >= MAX_BUILDS) return;
    this.nextLook *= 4;
    const hot = [...this.picked]
      .filter(([rule, count]) => count / this.fragments > HOT_SHARE && !rule.path)
      .map(([rule]) => rule);
    // Only a rule newly hot is worth a rebuild; one that cooled down costs nothing where it stands.
    if (hot.some((rule) => !this.hot.has(rule))) this.rebuild([...new Set([...this.hot, ...hot])]);
  }

  private rebuild(hot: CompiledRule[]): void {
    this.builds += 1;
    const chunks: Chunk[] = [];
    for (const rules of chunked(hot)) {
      try {
        chunks.push({ rules, set: compileSet(rules.map((rule) => loosened(rule.definition.pattern ?? ""))) });
      } catch {
        // A chunk RE2 cannot build as a set is simply not gated: its rules run one by one, as without a gate.
      }
    }
    this.chunks = chunks;
    this.hot = new Set(chunks.flatMap((chunk) => chunk.rules));
  }
}

/**
 * The hot rules in sets of at most CHUNK, each set running on the union of its rules' keyword windows.
 * So rules share a set with rules whose windows are much the same: the generic rules (keyed on the
 * same few words, on the lines that hold them), then the other windowed rules, then those without
 * windows, whose sets run over the whole fragment anyway.
 */
function chunked(hot: CompiledRule[]): CompiledRule[][] {
  const byKeywords = (a: CompiledRule, b: CompiledRule) => a.keywords.join().localeCompare(b.keywords.join());
  const groups = [
    hot.filter((rule) => rule.reach && rule.generic).sort(byKeywords),
    hot.filter((rule) => rule.reach && !rule.generic).sort(byKeywords),
    hot.filter((rule) => !rule.reach),
  ];
  const chunks: CompiledRule[][] = [];
  for (const group of groups)
    for (let start = 0; start < group.length; start += CHUNK) chunks.push(group.slice(start, start + CHUNK));
  return chunks;
}

/**
 * The parts of `data` where any of `rules` can match, joined; or `data` itself when they are most of it.
 * Each part keeps the bytes around a match that its pattern looks at, so a set finds there all it would
 * find in `data` (and perhaps more, across a join, which only costs a rule run).
 */
function partsOf(
  data: Buffer,
  rules: CompiledRule[],
  spansOf: (rule: CompiledRule) => Span[] | undefined,
): Buffer {
  const all: Span[] = [];
  for (const rule of rules) {
    const spans = spansOf(rule);
    if (!spans) return data;
    all.push(...spans);
  }
  all.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  let covered = 0;
  for (const span of all) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      covered += Math.max(0, span.end - last.end);
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
      covered += span.end - span.start;
    }
  }
  if (covered > data.length / 2) return data;
  return Buffer.concat(merged.map((span) => data.subarray(span.start, span.end)));
}

/**
 * A pattern that matches wherever the rule's does, and cheaper to run as part of a set: no group names
 * (they repeat across rules, which one set cannot hold) and no large upper bounds on repetitions (each
 * bound unrolls into automaton states). It may match more; then the rule runs and decides.
 */
export function loosened(pattern: string): string {
  return pattern
    .replace(/\(\?P?<[A-Za-z_][A-Za-z0-9_]*>/g, "(?:")
    .replace(/(?<!\\)\{(\d+),(\d+)\}/g, (whole, min: string, max: string) =>
      Number(max) > 16 ? `{${min},}` : whole,
    );
}
