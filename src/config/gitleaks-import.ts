import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse as parseToml } from "smol-toml";
import { compileRegex } from "../engine/regex.js";
import type { AllowList, RuleDefinition } from "../engine/types.js";
import { ConfigError } from "../errors.js";
import { emptyConfig, type LeakgateConfig } from "./types.js";

export const GITLEAKS_CONFIG = ".gitleaks.toml";

export interface GitleaksImport {
  config: LeakgateConfig;
  /** What could not be carried over, each naming the rule or field. */
  warnings: string[];
}

type Table = Record<string, unknown>;

/**
 * Reads a gitleaks configuration (its rules, `[extend]`, allowlists with paths, regexes, stopwords and
 * commits) into leakgate's. Rules RE2 cannot compile are left out and named with the reason.
 */
export function importGitleaksConfig(file: string, seen = new Set<string>()): GitleaksImport {
  let toml: Table;
  try {
    toml = parseToml(readFileSync(file, "utf8")) as Table;
  } catch (error) {
    const line = (error as { line?: number }).line;
    throw new ConfigError(`invalid TOML: ${(error as Error).message.split("\n")[0]}`, file, line);
  }
  const warnings: string[] = [];
  const config = emptyConfig();
  config.file = file;
  config.compat.gitleaks = true;
  const extend = (toml.extend ?? undefined) as Table | undefined;
  // Without [extend], a gitleaks configuration replaces the default rules: so do we.
  config.builtinRules =
    extend !== undefined && (extend.useDefault === true || typeof extend.path === "string");
  if (typeof extend?.path === "string")
    mergeExtended(config, resolve(dirname(file), extend.path), seen, warnings);
  for (const id of asStrings(extend?.disabledRules)) config.disable.push(id);
  for (const [index, raw] of asTables(toml.rules).entries()) {
    const rule = importRule(raw, index, file, warnings);
    if (rule) config.rules = [...config.rules.filter((r) => r.id !== rule.id), rule];
  }
  const globalLists = [...asTables(toml.allowlists), ...(isTable(toml.allowlist) ? [toml.allowlist] : [])];
  config.allow = mergeAllowLists(
    globalLists.map((list) => importAllowList(list, "the global allowlist", warnings)),
  );
  return { config, warnings };
}

function mergeExtended(config: LeakgateConfig, path: string, seen: Set<string>, warnings: string[]): void {
  if (seen.has(path)) return;
  seen.add(path);
  const base = importGitleaksConfig(path, seen);
  config.rules = base.config.rules;
  config.disable.push(...base.config.disable);
  config.builtinRules = config.builtinRules || base.config.builtinRules;
  warnings.push(...base.warnings);
}

function importRule(raw: Table, index: number, file: string, warnings: string[]): RuleDefinition | undefined {
  const id = typeof raw.id === "string" ? raw.id : `rules[${index}]`;
  const pattern = typeof raw.regex === "string" ? raw.regex : undefined;
  const path = typeof raw.path === "string" ? raw.path : undefined;
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
  const lists = [...asTables(raw.allowlists), ...(isTable(raw.allowlist) ? [raw.allowlist] : [])];
  const rule: RuleDefinition = {
    id: id.toLowerCase().replace(/[^a-z0-9-]+/g, "-"),
    description: typeof raw.description === "string" && raw.description ? raw.description : id,
    severity: "high",
    keywords: asStrings(raw.keywords).map((k) => k.toLowerCase()),
    references: [],
    remediation: "",
    examples: [],
    negativeExamples: [],
    source: file,
    allow: mergeAllowLists(lists.map((list) => importAllowList(list, `rule "${id}"`, warnings))),
  };
  if (pattern) rule.pattern = pattern;
  if (path) rule.path = path;
  if (typeof raw.secretGroup === "number" && raw.secretGroup > 0) rule.secretGroup = raw.secretGroup;
  if (typeof raw.entropy === "number") rule.entropy = raw.entropy;
  if (Array.isArray(raw.tags)) rule.tags = asStrings(raw.tags);
  return rule;
}

function importAllowList(raw: Table, where: string, warnings: string[]): AllowList {
  if (typeof raw.condition === "string" && raw.condition.toUpperCase() === "AND") {
    warnings.push(`${where}: condition = "AND" is read as "OR" (any one criterion allows)`);
  }
  const target = raw.regexTarget;
  return {
    pathRegexes: asStrings(raw.paths),
    regexes: asStrings(raw.regexes),
    stopwords: asStrings(raw.stopwords),
    commits: asStrings(raw.commits),
    ...(target === "match" || target === "line" ? { regexTarget: target } : {}),
  };
}

/** One leakgate allowlist per rule: gitleaks may give several, with different regex targets. */
function mergeAllowLists(lists: AllowList[]): AllowList {
  const merged: AllowList = { pathRegexes: [], regexes: [], stopwords: [], commits: [] };
  for (const list of lists) {
    merged.pathRegexes?.push(...(list.pathRegexes ?? []));
    merged.stopwords?.push(...(list.stopwords ?? []));
    merged.commits?.push(...(list.commits ?? []));
    // Regexes aimed at the line or match cover the secret too, so a mixed set keeps the widest target.
    const regexes = list.regexes ?? [];
    if (regexes.length > 0) {
      merged.regexes?.push(...regexes);
      if (list.regexTarget && list.regexTarget !== "secret") merged.regexTarget = list.regexTarget;
    }
  }
  return merged;
}

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asTables(value: unknown): Table[] {
  return Array.isArray(value) ? value.filter(isTable) : [];
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
