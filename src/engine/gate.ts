import type { CompiledRule } from "./compile-rule.js";
import { isCommonKeyword } from "./keywords.js";
import { type CompiledSet, compileSet } from "./regex.js";

/**
 * Generic rules, and rules keyed on common words, are picked by the prefilter for most files. Rather than
 * a pass over the fragment for each of them, one RE2 set of all their patterns tells in a single pass
 * whether any of them matches at all; only then do they run one by one. (One alternation of the same
 * patterns is far slower: its automaton outgrows RE2's memory and falls back to the NFA.)
 */
export class HotRuleGate {
  private readonly hot: Set<CompiledRule>;
  private combined: CompiledSet | null | undefined;

  constructor(rules: CompiledRule[], isHot: (rule: CompiledRule) => boolean = isHotRule) {
    this.hot = new Set(rules.filter((rule) => rule.regex && !rule.path && isHot(rule)));
  }

  /** `selected` without its hot rules when none of them can match `data`. */
  filter(selected: CompiledRule[], data: Buffer): CompiledRule[] {
    let hotCount = 0;
    for (const rule of selected) if (this.hot.has(rule)) hotCount++;
    if (hotCount < 2) return selected;
    const gate = this.regex();
    if (!gate || gate.test(data)) return selected;
    return selected.filter((rule) => !this.hot.has(rule));
  }

  private regex(): CompiledSet | null {
    if (this.combined !== undefined) return this.combined;
    try {
      this.combined = compileSet([...this.hot].map((rule) => withoutNames(rule.definition.pattern ?? "")));
    } catch {
      // Without a gate every rule simply runs, as it would anyway.
      this.combined = null;
    }
    return this.combined;
  }
}

export function isHotRule(rule: CompiledRule): boolean {
  return rule.generic || rule.keywords.some(isCommonKeyword);
}

/** Group names repeat across rules, which one regex cannot hold; the gate needs no groups. */
function withoutNames(pattern: string): string {
  return pattern.replace(/\(\?P?<[A-Za-z_][A-Za-z0-9_]*>/g, "(?:");
}
