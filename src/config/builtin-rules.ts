import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
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

/** Every rule of rules/*.yaml, in file order. */
export function builtinRules(): RuleDefinition[] {
  cached ??= builtinRuleFiles().flatMap((file) => readRuleFile(file, readFileSync(file, "utf8")));
  return cached;
}
