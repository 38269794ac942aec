import { existsSync } from "node:fs";
import { join } from "node:path";
import { SEVERITIES } from "../engine/types.js";
import { FieldReader } from "./field-reader.js";
import { readAllowList, readRuleList } from "./rule-file.js";
import { emptyConfig, type LeakgateConfig, type RuleOverride } from "./types.js";
import { validateAllowRegexes, validateCustomRules } from "./validate-patterns.js";
import { readYamlFile } from "./yaml-document.js";

export const CONFIG_NAMES = [".leakgate.yml", ".leakgate.yaml"];

const CONFIG_FIELDS = [
  "builtin_rules",
  "rules",
  "disable",
  "override",
  "allow",
  "fail_on",
  "max_file_size",
  "baseline",
  "compat",
  "rotation",
];

/** The config file at the scanned root, if there is one. */
export function findConfigFile(root: string): string | undefined {
  return CONFIG_NAMES.map((name) => join(root, name)).find((file) => existsSync(file));
}

/** Reads and validates `.leakgate.yml`; errors name the file, line and field. */
export function readConfigFile(file: string, text?: string, knownRuleIds?: Set<string>): LeakgateConfig {
  const yaml = readYamlFile(file, text);
  const reader = new FieldReader(yaml);
  const raw = reader.object(yaml.document.toJS() ?? {}, []);
  reader.rejectUnknown(raw, CONFIG_FIELDS);
  const config = emptyConfig();
  config.file = file;
  config.rules = readRuleList(reader, raw.rules, ["rules"]);
  validateCustomRules(reader, config.rules, ["rules"]);
  config.disable = reader.stringList(raw.disable, ["disable"]);
  config.override = readOverrides(reader, raw.override);
  if (knownRuleIds) {
    const known = new Set([...knownRuleIds, ...config.rules.map((rule) => rule.id)]);
    config.disable.forEach((id, index) => {
      if (!known.has(id))
        reader.fail(["disable", index], "the id of a built-in or custom rule (see `leakgate rules`)", id);
    });
    for (const id of Object.keys(config.override)) {
      if (!known.has(id))
        reader.fail(["override", id], "the id of a built-in or custom rule (see `leakgate rules`)", id);
    }
  }
  if (raw.allow !== undefined) {
    config.allow = readAllowList(reader, raw.allow, ["allow"]);
    validateAllowRegexes(reader, config.allow, ["allow"]);
  }
  config.builtinRules = reader.boolean(raw.builtin_rules, ["builtin_rules"]) ?? true;
  if (raw.fail_on !== undefined) config.failOn = reader.oneOf(raw.fail_on, ["fail_on"], SEVERITIES);
  if (raw.max_file_size !== undefined) config.maxFileSize = readSize(reader, raw.max_file_size);
  if (raw.baseline !== undefined) config.baseline = reader.string(raw.baseline, ["baseline"]);
  if (raw.compat !== undefined) {
    const compat = reader.object(raw.compat, ["compat"]);
    reader.at(["compat"], "compat").rejectUnknown(compat, ["gitleaks"]);
    config.compat.gitleaks = reader.boolean(compat.gitleaks, ["compat", "gitleaks"]) ?? false;
  }
  if (raw.rotation !== undefined) config.rotation = raw.rotation;
  return config;
}

function readOverrides(reader: FieldReader, value: unknown): Record<string, RuleOverride> {
  if (value === undefined) return {};
  const raw = reader.object(value, ["override"]);
  const overrides: Record<string, RuleOverride> = {};
  for (const [id, entry] of Object.entries(raw)) {
    const path = ["override", id];
    const fields = reader.object(entry, path);
    reader.at(path, `override "${id}"`).rejectUnknown(fields, ["severity", "allow", "entropy"]);
    const override: RuleOverride = {};
    if (fields.severity !== undefined)
      override.severity = reader.oneOf(fields.severity, [...path, "severity"], SEVERITIES);
    if (fields.allow !== undefined) {
      override.allow = readAllowList(reader, fields.allow, [...path, "allow"]);
      validateAllowRegexes(reader.at(path, `override "${id}"`), override.allow, ["allow"]);
    }
    const entropy = reader.number(fields.entropy, [...path, "entropy"]);
    if (entropy !== undefined) override.entropy = entropy;
    overrides[id] = override;
  }
  return overrides;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|k|kib|mb|m|mib|gb|g|gib)?$/i;
const UNITS: Record<string, number> = {
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** `10MB`, `512k`, or a number of bytes. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === "number" && value > 0) return value;
  const match = typeof value === "string" ? SIZE.exec(value.trim()) : null;
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? "b").toLowerCase()] ?? 1));
}

function readSize(reader: FieldReader, value: unknown): number {
  return (
    parseSize(value) ??
    reader.fail(["max_file_size"], "a size such as 10MB, 512KB or a number of bytes", value)
  );
}
