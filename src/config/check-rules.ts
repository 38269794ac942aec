import { Detector } from "../engine/detector.js";
import { isJunkKeyword } from "../engine/keywords.js";
import type { Finding, RuleDefinition, RuleExample } from "../engine/types.js";
import { buildRuleset } from "./ruleset.js";
import { emptyConfig } from "./types.js";

export interface RuleProblem {
  ruleId: string;
  source: string | undefined;
  message: string;
}

export interface CheckOptions {
  /** The catalogue's bar: examples give exactly their rule, negatives give nothing at all, metadata is complete. */
  strict: boolean;
}

/**
 * Runs every example of `rules` through the whole pipeline, beside `others` (the rest of the catalogue),
 * so that a rule which also fires another rule's example is caught.
 */
export function checkRules(
  rules: RuleDefinition[],
  others: RuleDefinition[],
  options: CheckOptions,
): RuleProblem[] {
  const ids = new Set(rules.map((rule) => rule.id));
  const rest = others.filter((rule) => !ids.has(rule.id));
  const detector = new Detector(buildRuleset(rest, { ...emptyConfig(), rules }));
  const problems: RuleProblem[] = [];
  const report = (rule: RuleDefinition, message: string) =>
    problems.push({ ruleId: rule.id, source: rule.source, message });
  for (const rule of rules) {
    if (options.strict) for (const message of metadataProblems(rule)) report(rule, message);
    rule.examples.forEach((example, index) => {
      const found = ruleIds(runExample(detector, rule, example));
      const expected = options.strict ? found.length === 1 && found[0] === rule.id : found.includes(rule.id);
      if (!expected) report(rule, `examples[${index}] gave ${describe(found)}, expected exactly ${rule.id}`);
    });
    rule.negativeExamples.forEach((example, index) => {
      const found = ruleIds(runExample(detector, rule, example));
      const wrong = options.strict ? found : found.filter((id) => id === rule.id);
      if (wrong.length > 0)
        report(rule, `negative_examples[${index}] gave ${describe(wrong)}, expected nothing`);
    });
  }
  return problems;
}

/** A content rule is judged on content findings, a file rule on file findings. */
function runExample(detector: Detector, rule: RuleDefinition, example: RuleExample): Finding[] {
  const path = example.path ?? "example.txt";
  const provenance = { kind: "file" } as const;
  if (!rule.pattern) return detector.detectPath(path, provenance);
  return detector.detectContent({ data: Buffer.from(example.content ?? ""), path, provenance });
}

function metadataProblems(rule: RuleDefinition): string[] {
  const problems: string[] = [];
  if (rule.examples.length < 2) problems.push("needs at least 2 examples");
  if (rule.negativeExamples.length < 2) problems.push("needs at least 2 negative_examples");
  if (rule.pattern && rule.keywords.length === 0)
    problems.push("needs keywords (the prefilter skips a rule only by them)");
  if (rule.references.length === 0) problems.push("needs references");
  if (!rule.remediation.trim()) problems.push("needs remediation");
  // A rule limited to some paths is judged by its path first, so a common keyword costs it nothing.
  if (rule.pattern && !rule.generic && !rule.path) {
    for (const keyword of rule.keywords.filter(isJunkKeyword)) {
      problems.push(
        `keyword "${keyword}" is too short or mere punctuation: it stands in nearly every file, so the rule would run on all of them; use the token's prefix or the provider's name`,
      );
    }
  }
  return problems;
}

function ruleIds(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))];
}

function describe(ids: string[]): string {
  return ids.length === 0 ? "nothing" : ids.join(", ");
}
