import { type CompiledAllowList, compileAllowList } from "./allowlist.js";
import { captureGroups } from "./capture-groups.js";
import type { PatternReach } from "./pattern-reach.js";
import { reachOf } from "./reach-table.js";
import { type CompiledRegex, compileRegex, lazyRegex, RegexSyntaxError } from "./regex.js";
import type { RuleDefinition, Severity } from "./types.js";

/** A rule ready to run: its regexes compiled once. */
export interface CompiledRule {
  id: string;
  description: string;
  severity: Severity;
  generic: boolean;
  keywords: string[];
  /** Absent for a file rule. */
  regex: CompiledRegex | undefined;
  path: CompiledRegex | undefined;
  /** Set when every match holds a keyword within a few lines: the rule may run on keyword windows. */
  readonly reach: PatternReach | undefined;
  secretGroup: number | string | undefined;
  entropy: number | undefined;
  allow: CompiledAllowList;
  definition: RuleDefinition;
}

export class RuleCompileError extends Error {
  override name = "RuleCompileError";
  constructor(
    readonly ruleId: string,
    readonly field: string,
    readonly reason: string,
    readonly source?: string,
  ) {
    super(`rule "${ruleId}"${source ? ` (${source})` : ""}: invalid ${field}: ${reason}`);
  }
}

function compileField(rule: RuleDefinition, field: string, pattern: string): CompiledRegex {
  try {
    return compileRegex(pattern);
  } catch (error) {
    const reason = error instanceof RegexSyntaxError ? error.message : String(error);
    throw new RuleCompileError(rule.id, field, `${reason} in ${JSON.stringify(pattern)}`, rule.source);
  }
}

/** Compiled on first use (regex.ts lazyRegex): the hook then pays only for the rules the prefilter picks. */
function lazyField(rule: RuleDefinition, field: string, pattern: string): CompiledRegex {
  return lazyRegex(pattern, () => compileField(rule, field, pattern));
}

export function compileRule(rule: RuleDefinition, options: { lazy?: boolean } = {}): CompiledRule {
  const field = options.lazy ? lazyField : compileField;
  if (!rule.pattern && !rule.path) {
    throw new RuleCompileError(
      rule.id,
      "pattern",
      "a rule needs a `pattern`, a `path`, or both",
      rule.source,
    );
  }
  if (!options.lazy && rule.pattern && rule.secretGroup !== undefined) checkSecretGroup(rule, rule.pattern);
  let allow: CompiledAllowList;
  try {
    allow = compileAllowList(rule.allow, { lazy: options.lazy });
  } catch (error) {
    throw new RuleCompileError(rule.id, "allow.regexes", (error as Error).message, rule.source);
  }
  const keywords = rule.keywords.map((k) => k.toLowerCase());
  let reach: { value: PatternReach | undefined } | undefined;
  return {
    id: rule.id,
    description: rule.description,
    severity: rule.severity,
    generic: rule.generic ?? false,
    keywords,
    regex: rule.pattern ? field(rule, "pattern", rule.pattern) : undefined,
    path: rule.path ? field(rule, "path", rule.path) : undefined,
    // On first use, from the table the build stores (reach-table.ts), else read from the pattern.
    get reach() {
      reach ??= { value: rule.pattern ? reachOf(rule.pattern, keywords) : undefined };
      return reach.value;
    },
    secretGroup: rule.secretGroup,
    entropy: rule.entropy,
    allow,
    definition: rule,
  };
}

/** A `secretGroup` the pattern does not define would match and never report. */
function checkSecretGroup(rule: RuleDefinition, pattern: string): void {
  const group = rule.secretGroup;
  const { count, names } = captureGroups(pattern);
  if (typeof group === "number" ? group <= count : names.includes(group ?? "")) return;
  const known = names.length > 0 ? ` or one of ${names.join(", ")}` : "";
  throw new RuleCompileError(
    rule.id,
    "secretGroup",
    `the pattern has no group ${JSON.stringify(group)} (expected 0 to ${count}${known})`,
    rule.source,
  );
}
