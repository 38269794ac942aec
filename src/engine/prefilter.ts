import type { CompiledRule } from "./compile-rule.js";
import { type CompiledSet, compileSet, escapeLiteral } from "./regex.js";

/**
 * Tells, in one pass over a fragment, which rules can match at all: every keyword of every rule goes
 * into one RE2 set, so adding rules adds keywords to one automaton instead of passes over the bytes.
 */
export class Prefilter {
  private readonly set: CompiledSet;
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
    this.set = compileSet([...keywordIndex.keys()].map(escapeLiteral), { ignoreCase: true });
  }

  /** The rules worth running on `data`, each once, in catalogue order of first keyword. */
  candidates(data: Buffer): CompiledRule[] {
    const hits = this.rulesByKeyword.length > 0 ? this.set.match(data) : [];
    if (hits.length === 0) return this.alwaysRun;
    const chosen = new Set<CompiledRule>(this.alwaysRun);
    for (const index of hits) for (const rule of this.rulesByKeyword[index] ?? []) chosen.add(rule);
    return [...chosen];
  }
}
