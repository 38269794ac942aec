import { createHash } from "node:crypto";
import type { Finding, Provenance, RuleDefinition, Severity } from "../engine/types.js";
import type { Location } from "./types.js";

export const ROTATION_RULE_IDS = [
  "rotation-policy-missing",
  "rotation-period-too-long",
  "rotation-overdue",
  "rotation-due-soon",
  "rotation-unparseable",
  "leaked-not-rotated",
] as const;
export type RotationRuleId = (typeof ROTATION_RULE_IDS)[number];

/** The README section on rotation (docs/readme/rotation.md once merged). */
const DOCS = "https://www.npmjs.com/package/leakgate#secret-rotation";

const RULES: Record<RotationRuleId, { description: string; severity: Severity; remediation: string }> = {
  "rotation-policy-missing": {
    description: "Secret in use with no rotation policy",
    severity: "medium",
    remediation:
      "Declare how often it is rotated: add it to rotation.secrets in .leakgate.yml, or to a table of the docs named in rotation.docs.",
  },
  "rotation-period-too-long": {
    description: "Rotation period longer than the allowed maximum",
    severity: "medium",
    remediation:
      "Shorten the period to at most rotation.max_days days, or raise max_days if the policy allows it.",
  },
  "rotation-overdue": {
    description: "Secret rotation is overdue",
    severity: "high",
    remediation: "Rotate the secret now, then record the date in last_rotated (or the Last Rotated column).",
  },
  "rotation-due-soon": {
    description: "Secret rotation is due soon",
    severity: "info",
    remediation: "Plan the rotation, then record the date in last_rotated (or the Last Rotated column).",
  },
  "rotation-unparseable": {
    description: "Rotation policy that leakgate cannot read",
    severity: "medium",
    remediation:
      'Write periods as "30d", "90 days", "quarterly", "6 months" or "annually", and dates as YYYY-MM-DD.',
  },
  "leaked-not-rotated": {
    description: "Secret committed to git after its last rotation",
    severity: "critical",
    remediation:
      "Rotate the secret now, whatever its schedule: a value in git history stays readable. Then record the date in last_rotated.",
  },
};

/** The metadata of the rotation rules, in the shape reporters (SARIF) expect. */
export const ROTATION_RULES: ReadonlyMap<string, RuleDefinition> = new Map(
  ROTATION_RULE_IDS.map((id) => [
    id,
    {
      id,
      description: RULES[id].description,
      severity: RULES[id].severity,
      keywords: [],
      references: [DOCS],
      remediation: RULES[id].remediation,
      examples: [],
      negativeExamples: [],
      tags: ["rotation"],
    },
  ]),
);

export interface RotationFindingInput {
  ruleId: RotationRuleId;
  /** The secret's name (or a type, or a file): what the finding is about. */
  subject: string;
  /** The specifics: dates, periods, the text that could not be read. */
  message: string;
  where: Location;
  provenance?: Provenance;
  /** For leaks: the committed value, masked. */
  redacted?: string;
  /** Which part of the policy, when one subject can have several findings of a rule (`period`, `date`). */
  aspect?: string;
}

/**
 * A rotation finding in the shape of every other finding. Its identity is the rule and the subject
 * (never a date or a line), so an overdue secret keeps one issue across runs.
 */
export function rotationFinding(input: RotationFindingInput): Finding {
  const rule = RULES[input.ruleId];
  return {
    ruleId: input.ruleId,
    description: `${rule.description}: ${input.message}`,
    severity: rule.severity,
    file: input.where.file,
    line: input.where.line,
    column: input.where.column,
    endLine: input.where.line,
    endColumn: input.where.column + input.subject.length,
    redacted: input.redacted ?? input.subject,
    fingerprint: createHash("sha256")
      .update(input.ruleId)
      .update("\0")
      .update(input.subject.toUpperCase())
      .update(input.aspect ? `\0${input.aspect}` : "")
      .digest("hex")
      .slice(0, 32),
    name: input.subject,
    provenance: input.provenance ?? { kind: "file" },
  };
}
