import type { CompiledRule } from "./compile-rule.js";
import { KeywordIndex } from "./keyword-index.js";
import { type CompiledSet, compileSet, escapeLiteral } from "./regex.js";

/** Below this many bytes scanned, keywords are found by a KeywordIndex pass: building the set costs more. */
const SET_AFTER_BYTES = 256 * 1024;
const SMALL_FRAGMENT = 16 * 1024;

/**
 * Tells, in one pass over a fragment, which rules can match at all: every keyword of every rule goes
 * into one RE2 set, so adding rules adds keywords to one automaton instead of passes over the bytes.
 * A short scan (the hook's few added lines) never builds the set, which takes tens of milliseconds;
 * a KeywordIndex pass, built in well under a millisecond, serves it instead.
 */
export class Prefilter {
  private set: CompiledSet | undefined;
  private index: KeywordIndex | undefined;
  private readonly keywords: string[];
  private bytesSeen = 0;
  private readonly rulesByKeyword: CompiledRule[][];
  private readonly alwaysRun: CompiledRule[];

  constructor(rules: CompiledRule[]) {
    const keywordIndex = new Map<string, number>();
    this.rulesByKeyword = [];
    this.alwaysRun = [];
    for (const rule of rules) {
      if (rule.keywords.length === 0) {
        this.alwaysRun.push(rule);
        continue;
      }
      for (const keyword of new Set(rule.keywords)) {
        let index = keywordIndex.get(keyword);
        if (index === undefined) {
          index = keywordIndex.size;
          keywordIndex.set(keyword, index);
          this.rulesByKeyword.push([]);
        }
        this.rulesByKeyword[index]?.push(rule);
      }
    }
    this.keywords = [...keywordIndex.keys()];
  }

  /** The rules worth running on `data` (each once, in catalogue order of first keyword), and the keywords found in it (lowercase). */
  select(data: Buffer): { rules: CompiledRule[]; keywords: ReadonlySet<string> } {
    const hits = this.rulesByKeyword.length > 0 ? this.keywordHits(data) : [];
    if (hits.length === 0) return { rules: this.alwaysRun, keywords: new Set() };
    const chosen = new Set<CompiledRule>(this.alwaysRun);
    for (const index of hits) for (const rule of this.rulesByKeyword[index] ?? []) chosen.add(rule);
    return { rules: [...chosen], keywords: new Set(hits.map((index) => this.keywords[index] as string)) };
  }

  private keywordHits(data: Buffer): number[] {
    this.bytesSeen += data.length;
    if (!this.set && data.length <= SMALL_FRAGMENT && this.bytesSeen <= SET_AFTER_BYTES) {
      this.index ??= new KeywordIndex(this.keywords);
      return this.index.hits(data);
    }
    this.set ??= compileSet(this.keywords.map(escapeLiteral), { ignoreCase: true });
    return this.set.match(data);
  }
}
