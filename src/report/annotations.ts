import type { Finding, Severity } from "../engine/types.js";

/** A line annotation in the shape the check-runs API takes (and workflow commands can carry). */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
}

const LEVEL: Record<Severity, Annotation["annotation_level"]> = {
  critical: "failure",
  high: "failure",
  medium: "warning",
  low: "notice",
  info: "notice",
};

/** One annotation per finding, on its lines; the secret appears masked only. */
export function toAnnotation(finding: Finding): Annotation {
  const commit = finding.provenance.kind === "commit" ? finding.provenance.commit : undefined;
  const where = commit ? ` It was added in commit ${commit.sha.slice(0, 12)} by ${commit.author}.` : "";
  return {
    path: finding.file,
    start_line: finding.line,
    end_line: Math.max(finding.endLine, finding.line),
    annotation_level: LEVEL[finding.severity],
    title: `leakgate: ${finding.ruleId} (${finding.severity})`,
    message: `${finding.description}: ${finding.redacted}.${where} Revoke or rotate it, then remove it from the code.`,
  };
}

/** The workflow-command level for an annotation: error, warning or notice. */
export function commandLevel(annotation: Annotation): "error" | "warning" | "notice" {
  return annotation.annotation_level === "failure" ? "error" : annotation.annotation_level;
}

/** GitHub shows at most this many workflow-command annotations of each level per step. */
export const COMMAND_ANNOTATIONS_PER_LEVEL = 10;

/** Splits annotations into those workflow commands can show and a count per level of those cut off. */
export function limitCommandAnnotations(annotations: Annotation[]): {
  shown: Annotation[];
  hidden: number;
} {
  const counts = new Map<string, number>();
  const shown: Annotation[] = [];
  for (const annotation of annotations) {
    const level = commandLevel(annotation);
    const count = counts.get(level) ?? 0;
    counts.set(level, count + 1);
    if (count < COMMAND_ANNOTATIONS_PER_LEVEL) shown.push(annotation);
  }
  return { shown, hidden: annotations.length - shown.length };
}
