import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
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

/** A hash of the files' names and contents: npm pack and install reset modification times. */
function cacheKey(files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(basename(file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

function readRulesCache(files: string[]): RuleDefinition[] | undefined {
  try {
    const cache = JSON.parse(readFileSync(rulesCachePath(), "utf8")) as {
      key: string;
      rules: RuleDefinition[];
      reach?: StoredReach[];
    };
    if (cache.key !== cacheKey(files)) return undefined;
    cache.rules.forEach((rule, index) => {
      const stored = cache.reach?.[index];
      if (rule.pattern && stored !== undefined) rememberReach(rule.pattern, rule.keywords, stored);
    });
    return cache.rules;
  } catch {
    return undefined;
  }
}

export function writeRulesCache(): number {
  const files = builtinRuleFiles();
  const rules = files.flatMap((file) => readRuleFile(file, readFileSync(file, "utf8")));
  // The reach of each pattern (which rules may run on keyword windows) is worked out here, once.
  const reach = rules.map((rule) => (rule.pattern ? storedReach(rule.pattern, rule.keywords) : null));
  writeFileSync(rulesCachePath(), JSON.stringify({ key: cacheKey(files), rules, reach }));
  return rules.length;
}
