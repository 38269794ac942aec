import { captureGroups } from "../engine/capture-groups.js";
import { compileRegex, RegexSyntaxError } from "../engine/regex.js";
import type { AllowList, RuleDefinition } from "../engine/types.js";
import { ConfigError } from "../errors.js";
import type { FieldReader } from "./field-reader.js";
import { nodeAt } from "./yaml-document.js";

type Path = (string | number)[];

/**
 * Custom rules are compiled at once, so a mistake surfaces where it was written: a regex RE2 rejects, a
 * `secretGroup` the pattern does not have, an id used twice. Errors name the file, line and field.
 */
export function validateCustomRules(reader: FieldReader, rules: RuleDefinition[], path: Path): void {
  const firstLine = new Map<string, number | undefined>();
  rules.forEach((rule, index) => {
    const at = [...path, index];
    const line = reader.yaml.lineOf(nodeAt(reader.yaml.document, [...at, "id"]));
    if (firstLine.has(rule.id)) {
      const first = firstLine.get(rule.id);
      throw new ConfigError(
        `rule "${rule.id}" is defined twice (at line ${first ?? "?"} and line ${line ?? "?"}); give each custom rule its own id`,
        reader.yaml.file,
        line,
        `${path.join(".")}[${index}].id`,
      );
    }
    firstLine.set(rule.id, line);
    const fields = reader.at(at, `rule "${rule.id}"`);
    if (rule.pattern !== undefined) {
      checkRegex(fields, ["pattern"], rule.pattern);
      if (rule.secretGroup !== undefined) checkSecretGroup(fields, rule.pattern, rule.secretGroup);
    } else if (rule.secretGroup !== undefined) {
      fields.fail(["secretGroup"], "no secretGroup on a rule without a `pattern`", rule.secretGroup);
    }
    if (rule.path !== undefined) checkRegex(fields, ["path"], rule.path);
    if (rule.allow) validateAllowRegexes(fields, rule.allow, ["allow"]);
  });
}

/** `allow.regexes` and `allow.pathRegexes`, each entry by its index. */
export function validateAllowRegexes(reader: FieldReader, allow: AllowList, path: Path): void {
  for (const list of ["regexes", "pathRegexes"] as const) {
    for (const [index, pattern] of (allow[list] ?? []).entries())
      checkRegex(reader, [...path, list, index], pattern);
  }
}

function checkRegex(reader: FieldReader, path: Path, pattern: string): void {
  try {
    compileRegex(pattern);
  } catch (error) {
    if (!(error instanceof RegexSyntaxError)) throw error;
    reader.fail(path, `a regular expression in RE2 syntax (${error.message})`, pattern);
  }
}

function checkSecretGroup(reader: FieldReader, pattern: string, group: number | string): void {
  const { count, names } = captureGroups(pattern);
  const known = names.length > 0 ? `, or one of its names: ${names.join(", ")}` : "";
  const expected = `a group of the pattern: a number from 0 to ${count}${known}`;
  if (typeof group === "number" ? group > count : !names.includes(group))
    reader.fail(["secretGroup"], expected, group);
}
