import type { AllowList, RuleDefinition, Severity } from "../engine/types.js";

/** `.leakgate.yml` after validation. Every field is optional in the file. */
export interface LeakgateConfig {
  /** The file it was read from, for messages; undefined when there is none. */
  file?: string;
  /** Custom rules, in the rule schema; a rule with a built-in id replaces that rule. */
  rules: RuleDefinition[];
  /** Built-in rule ids to turn off. */
  disable: string[];
  /** Per-rule changes to built-in rules. */
  override: Record<string, RuleOverride>;
  /** Allowed everywhere, for every rule. */
  allow: AllowList;
  /** Findings below this severity do not fail the run. */
  failOn?: Severity;
  /** Files larger than this are skipped and counted (bytes). */
  maxFileSize?: number;
  /** Path of the baseline file, relative to the config file's folder. */
  baseline?: string;
  /** false: only the custom rules run (as a gitleaks configuration without `[extend]` intends). */
  builtinRules: boolean;
  /** Inline comments that allow a line; `leakgate:allow` always, `gitleaks:allow` with compat.gitleaks. */
  compat: { gitleaks: boolean };
  /** The `rotation:` section, validated by src/rotation/. */
  rotation?: unknown;
}

export interface RuleOverride {
  severity?: Severity;
  allow?: AllowList;
  entropy?: number;
}

export function emptyConfig(): LeakgateConfig {
  return { rules: [], disable: [], override: {}, allow: {}, builtinRules: true, compat: { gitleaks: false } };
}
