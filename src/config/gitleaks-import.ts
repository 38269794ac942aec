import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { compileRegex } from "../engine/regex.js";
import type { AllowList, RuleDefinition } from "../engine/types.js";
import { ConfigError } from "../errors.js";
import { builtinRules } from "./builtin-rules.js";
import {
  asStrings,
  asTables,
  type ImportedAllowList,
  importAllowList,
  isTable,
  mergeAllowLists,
  normalizeRuleId,
  type Table,
} from "./gitleaks-allowlist.js";
import { emptyConfig, type LeakgateConfig } from "./types.js";

// Loaded on first use: the hook and most scans never read a gitleaks configuration.
let tomlModule: typeof import("smol-toml") | undefined;
function tomlParser(): typeof import("smol-toml") {
  tomlModule ??= createRequire(import.meta.url)("smol-toml") as typeof import("smol-toml");
  return tomlModule;
}

export const GITLEAKS_CONFIG = ".gitleaks.toml";

export interface GitleaksImport {
  config: LeakgateConfig;
  /** What could not be carried over, each naming the rule or field. */
  warnings: string[];
}

/** One file of an `[extend]` chain, with the allowlists still to place once every rule is known. */
interface ChainLink {
  config: LeakgateConfig;
  globalLists: AllowList[];
  targetedLists: ImportedAllowList[];
}

/**
 * Reads a gitleaks configuration (its rules, `[extend]`, allowlists with paths, regexes, stopwords and
 * commits) into leakgate's. Rules RE2 cannot compile are left out and named with the reason. In place
 * and through `config import` alike, so that both give the same findings.
 */
export function importGitleaksConfig(file: string): GitleaksImport {
  const warnings: string[] = [];
  const { config, globalLists, targetedLists } = readChain(file, new Set(), warnings);
  config.allow = mergeAllowLists(globalLists, "the global allowlist", warnings);
  const builtinIds = new Set(builtinRules().map((rule) => rule.id));
  for (const list of targetedLists) applyTargeted(config, list, builtinIds, warnings);
  const known = new Set([...builtinIds, ...config.rules.map((rule) => rule.id)]);
  const unknown = config.disable.filter((id) => !known.has(id));
  if (unknown.length > 0)
    warnings.push(`disabledRules: no leakgate rule is named ${[...new Set(unknown)].join(", ")}; ignored`);
  config.disable = [...new Set(config.disable.filter((id) => known.has(id)))];
  return { config, warnings };
}

function readChain(file: string, seen: Set<string>, warnings: string[]): ChainLink {
  seen.add(file);
  let toml: Table;
  try {
    toml = tomlParser().parse(readFileSync(file, "utf8")) as Table;
  } catch (error) {
    const line = (error as { line?: number }).line;
    throw new ConfigError(`invalid TOML: ${(error as Error).message.split("\n")[0]}`, file, line);
  }
  const config = emptyConfig();
  config.file = file;
  config.compat.gitleaks = true;
  const extend = isTable(toml.extend) ? toml.extend : undefined;
  const basePath = typeof extend?.path === "string" ? resolve(dirname(file), extend.path) : undefined;
  const base = basePath && !seen.has(basePath) ? readChain(basePath, seen, warnings) : undefined;
  // Without useDefault = true somewhere in the chain, gitleaks runs only the rules written: so do we.
  config.builtinRules = extend?.useDefault === true || base?.config.builtinRules === true;
  config.rules = base?.config.rules ?? [];
  config.disable = [
    ...(base?.config.disable ?? []),
    ...asStrings(extend?.disabledRules).map(normalizeRuleId),
  ];
  for (const [index, raw] of asTables(toml.rules).entries()) {
    const rule = importRule(raw, index, file, warnings);
    if (rule) config.rules = [...config.rules.filter((r) => r.id !== rule.id), rule];
  }
  const lists = [...asTables(toml.allowlists), ...(isTable(toml.allowlist) ? [toml.allowlist] : [])].map(
    (list) => importAllowList(list, "the global allowlist", warnings),
  );
  return {
    config,
    globalLists: [
      ...(base?.globalLists ?? []),
      ...lists.filter((list) => list.targetRules.length === 0).map((list) => list.allow),
    ],
    targetedLists: [...(base?.targetedLists ?? []), ...lists.filter((list) => list.targetRules.length > 0)],
  };
}

/** A global allowlist with `targetRules` applies to those rules only: custom ones, or built-ins by override. */
function applyTargeted(
  config: LeakgateConfig,
  list: ImportedAllowList,
  builtinIds: Set<string>,
  warnings: string[],
): void {
  for (const id of list.targetRules) {
    const rule = config.rules.find((r) => r.id === id);
    if (rule) {
      rule.allow = mergeAllowLists([rule.allow ?? {}, list.allow], `rule "${id}"`, warnings);
    } else if (config.builtinRules && builtinIds.has(id)) {
      const override = config.override[id] ?? {};
      override.allow = mergeAllowLists([override.allow ?? {}, list.allow], `rule "${id}"`, warnings);
      config.override[id] = override;
    } else {
      warnings.push(`the global allowlist: targetRules names "${id}", which is no rule here; ignored`);
    }
  }
}

function importRule(raw: Table, index: number, file: string, warnings: string[]): RuleDefinition | undefined {
  const id = typeof raw.id === "string" ? raw.id : `rules[${index}]`;
  const pattern = typeof raw.regex === "string" ? raw.regex : undefined;
  const path = typeof raw.path === "string" ? raw.path : undefined;
  if (raw.skipReport === true) {
    warnings.push(`rule "${id}": skipReport = true (a part of composite rules only); left out`);
    return undefined;
  }
  if (!pattern && !path) {
    warnings.push(`rule "${id}": has neither regex nor path; left out`);
    return undefined;
  }
  for (const [field, value] of [
    ["regex", pattern],
    ["path", path],
  ] as const) {
    if (!value) continue;
    try {
      compileRegex(value);
    } catch (error) {
      warnings.push(`rule "${id}": RE2 cannot compile its ${field} (${(error as Error).message}); left out`);
      return undefined;
    }
  }
  if (asTables(raw.required).length > 0) {
    warnings.push(
      `rule "${id}": its [[rules.required]] rules are not checked (leakgate has no composite rules); kept as a plain rule, so its findings may differ from gitleaks'`,
    );
  }
  const lists = [...asTables(raw.allowlists), ...(isTable(raw.allowlist) ? [raw.allowlist] : [])];
  const where = `rule "${id}"`;
  const rule: RuleDefinition = {
    id: normalizeRuleId(id),
    description: typeof raw.description === "string" && raw.description ? raw.description : id,
    severity: "high",
    keywords: asStrings(raw.keywords).map((k) => k.toLowerCase()),
    references: [],
    remediation: "",
    examples: [],
    negativeExamples: [],
    source: file,
    allow: mergeAllowLists(
      lists.map((list) => importAllowList(list, where, warnings).allow),
      where,
      warnings,
    ),
  };
  if (pattern) rule.pattern = pattern;
  if (path) rule.path = path;
  if (typeof raw.secretGroup === "number" && raw.secretGroup > 0) rule.secretGroup = raw.secretGroup;
  if (typeof raw.entropy === "number") rule.entropy = raw.entropy;
  if (Array.isArray(raw.tags)) rule.tags = asStrings(raw.tags);
  return rule;
}
