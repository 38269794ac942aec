import { type AllowList, type RuleDefinition, type RuleExample, SEVERITIES } from "../engine/types.js";
import type { FieldReader } from "./field-reader.js";

const RULE_FIELDS = [
  "id",
  "description",
  "severity",
  "pattern",
  "secretGroup",
  "keywords",
  "entropy",
  "path",
  "generic",
  "allow",
  "references",
  "remediation",
  "examples",
  "negative_examples",
  "tags",
] as const;

const ALLOW_FIELDS = ["paths", "pathRegexes", "regexes", "regexTarget", "stopwords", "commits"] as const;
const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Reads a `rules:` list (of a rule file or `.leakgate.yml`) into validated definitions. */
export function readRuleList(
  reader: FieldReader,
  value: unknown,
  path: (string | number)[],
): RuleDefinition[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) reader.fail(path, "a list of rules", value);
  return (value as unknown[]).map((item, index) => readRule(reader, item, [...path, index]));
}

function readRule(reader: FieldReader, value: unknown, path: (string | number)[]): RuleDefinition {
  const raw = reader.object(value, path);
  const id = reader.string(raw.id, [...path, "id"]);
  if (!RULE_ID.test(id)) reader.fail([...path, "id"], "a kebab-case id (a-z, 0-9, -)", id);
  const rule = reader.at(path, `rule "${id}"`);
  rule.rejectUnknown(raw, RULE_FIELDS);
  const definition: RuleDefinition = {
    id,
    description: rule.string(raw.description, ["description"]),
    severity: rule.oneOf(raw.severity, ["severity"], SEVERITIES),
    keywords: rule.stringList(raw.keywords, ["keywords"]),
    references: rule.stringList(raw.references, ["references"]),
    remediation: rule.optionalString(raw.remediation, ["remediation"]) ?? "",
    examples: readExamples(rule, raw.examples, ["examples"]),
    negativeExamples: readExamples(rule, raw.negative_examples, ["negative_examples"]),
    source: reader.yaml.file,
  };
  const pattern = rule.optionalString(raw.pattern, ["pattern"]);
  const filePath = rule.optionalString(raw.path, ["path"]);
  if (!pattern && !filePath) rule.fail(["pattern"], "a `pattern`, a `path`, or both", undefined);
  if (pattern) definition.pattern = pattern;
  if (filePath) definition.path = filePath;
  const secretGroup = raw.secretGroup;
  if (secretGroup !== undefined) {
    if (
      !(typeof secretGroup === "string" || (Number.isInteger(secretGroup) && (secretGroup as number) >= 0))
    ) {
      rule.fail(["secretGroup"], "a group number or a group name", secretGroup);
    }
    definition.secretGroup = secretGroup as number | string;
  }
  const entropy = rule.number(raw.entropy, ["entropy"]);
  if (entropy !== undefined) definition.entropy = entropy;
  const generic = rule.boolean(raw.generic, ["generic"]);
  if (generic !== undefined) definition.generic = generic;
  if (raw.allow !== undefined) definition.allow = readAllowList(rule, raw.allow, ["allow"]);
  if (raw.tags !== undefined) definition.tags = rule.stringList(raw.tags, ["tags"]);
  return definition;
}

export function readAllowList(reader: FieldReader, value: unknown, path: (string | number)[]): AllowList {
  const raw = reader.object(value, path);
  reader.at(path, reader.label).rejectUnknown(raw, ALLOW_FIELDS);
  const allow: AllowList = {
    paths: reader.stringList(raw.paths, [...path, "paths"]),
    pathRegexes: reader.stringList(raw.pathRegexes, [...path, "pathRegexes"]),
    regexes: reader.stringList(raw.regexes, [...path, "regexes"]),
    stopwords: reader.stringList(raw.stopwords, [...path, "stopwords"]),
    commits: reader.stringList(raw.commits, [...path, "commits"]),
  };
  if (raw.regexTarget !== undefined) {
    allow.regexTarget = reader.oneOf(raw.regexTarget, [...path, "regexTarget"], [
      "secret",
      "match",
      "line",
    ] as const);
  }
  return allow;
}

function readExamples(reader: FieldReader, value: unknown, path: (string | number)[]): RuleExample[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) reader.fail(path, "a list of examples", value);
  return (value as unknown[]).map((item, index) => {
    if (typeof item === "string") return { content: item };
    const raw = reader.object(item, [...path, index]);
    reader.at([...path, index], reader.label).rejectUnknown(raw, ["path", "content"]);
    const example: RuleExample = {};
    if (raw.path !== undefined) example.path = reader.string(raw.path, [...path, index, "path"]);
    if (raw.content !== undefined) {
      if (typeof raw.content !== "string") reader.fail([...path, index, "content"], "a string", raw.content);
      example.content = raw.content;
    }
    return example;
  });
}
