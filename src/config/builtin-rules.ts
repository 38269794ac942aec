import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { rememberReach, type StoredReach, storedReach } from "../engine/reach-table.js";
import type { RuleDefinition } from "../engine/types.js";
import { packageRoot } from "../package-root.js";
import { FieldReader } from "./field-reader.js";
import { readRuleList } from "./rule-file.js";
import { readYamlFile } from "./yaml-document.js";

/** Reads one rule file: a mapping with a `rules:` list. Errors name the file, line and field. */
export function readRuleFile(file: string, text?: string): RuleDefinition[] {
  const yaml = readYamlFile(file, text);
  const reader = new FieldReader(yaml);
  const top = reader.object(yaml.document.toJS() ?? {}, []);
  reader.rejectUnknown(top, ["rules"]);
  return readRuleList(reader, top.rules, ["rules"]);
}

export function builtinRuleFiles(): string[] {
  const dir = join(packageRoot(), "rules");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => join(dir, name));
}

let cached: RuleDefinition[] | undefined;

/** Every rule of rules/*.yaml, in file order; from the build's JSON copy while it matches the files. */
export function builtinRules(): RuleDefinition[] {
  if (cached) return cached;
  const files = builtinRuleFiles();
  cached = readRulesCache(files) ?? files.flatMap((file) => readRuleFile(file, readFileSync(file, "utf8")));
  return cached;
}

/**
 * Parsing the YAML catalogue costs more than the rest of a hook run, so `npm run build` writes it as
 * JSON, with each pattern's reach, keyed by a hash of the files: any edit makes the copy stale and unused.
 */
export function rulesCachePath(): string {
  return join(packageRoot(), "build", "rules.json");
}

/** A hash of the files' names and contents. */
function contentKey(files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(basename(file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/**
 * A hash of the files' names, sizes and modification times: reading 360 files for contentKey costs more
 * than the rest of the check. It tells a build's own files apart from edited ones; where it differs
 * (npm pack and install reset modification times), the contents decide.
 */
function statKey(files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${basename(file)}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest("hex");
}

interface RulesCache {
  key: string;
  statKey?: string;
  rules: RuleDefinition[];
  reach?: StoredReach[];
}

/** The rules of `files` from the cache at `path`, or undefined when it is missing or stale. */
export function readRulesCache(files: string[], path = rulesCachePath()): RuleDefinition[] | undefined {
  try {
    const cache = JSON.parse(readFileSync(path, "utf8")) as RulesCache;
    if (cache.statKey !== statKey(files) && cache.key !== contentKey(files)) return undefined;
    cache.rules.forEach((rule, index) => {
      const stored = cache.reach?.[index];
      if (rule.pattern && stored !== undefined) rememberReach(rule.pattern, rule.keywords, stored);
    });
    return cache.rules;
  } catch {
    return undefined;
  }
}

export function writeRulesCache(files = builtinRuleFiles(), path = rulesCachePath()): number {
  const rules = files.flatMap((file) => readRuleFile(file, readFileSync(file, "utf8")));
  // The reach of each pattern (which rules may run on keyword windows) is worked out here, once.
  const reach = rules.map((rule) => (rule.pattern ? storedReach(rule.pattern, rule.keywords) : null));
  const cache: RulesCache = { key: contentKey(files), statKey: statKey(files), rules, reach };
  writeFileSync(path, JSON.stringify(cache));
  return rules.length;
}
