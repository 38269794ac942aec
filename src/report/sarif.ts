import type { Finding, RuleDefinition, Severity } from "../engine/types.js";
import type { ScanResult } from "../scan.js";

const INFORMATION_URI = "https://www.npmjs.com/package/leakgate";
/** Our own key in partialFingerprints; the value is the secret's fingerprint, stable across moves. */
export const FINGERPRINT_KEY = "leakgate/v1";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub code scanning reads this to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "1.0",
};

export interface SarifOptions {
  version: string;
  /** Metadata of the rules that may appear; findings of other rules use their own description. */
  rules: ReadonlyMap<string, RuleDefinition>;
}

/** SARIF 2.1.0, one run, valid against the official schema. */
export function formatSarif(result: ScanResult, options: SarifOptions): string {
  const ruleIds = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "leakgate",
            version: options.version,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => describeRule(id, options.rules.get(id), result.findings)),
          },
        },
        columnKind: "unicodeCodePoints",
        results: result.findings.map((finding) => toResult(finding, ruleIndex.get(finding.ruleId) ?? 0)),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function describeRule(id: string, rule: RuleDefinition | undefined, findings: Finding[]) {
  const example = findings.find((f) => f.ruleId === id) as Finding;
  const description = rule?.description ?? example.description;
  const severity = rule?.severity ?? example.severity;
  const remediation =
    rule?.remediation || "Revoke the secret at its provider, replace it, and remove it from the code.";
  return {
    id,
    name: toPascalCase(id),
    shortDescription: { text: description },
    fullDescription: { text: `${description}. ${remediation}` },
    helpUri: rule?.references[0] ?? INFORMATION_URI,
    help: { text: remediation, markdown: remediation },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ["security", "secret"],
      "security-severity": SECURITY_SEVERITY[severity],
      precision: "high",
    },
  };
}

function toResult(finding: Finding, ruleIndex: number) {
  const commit = finding.provenance.kind === "commit" ? finding.provenance.commit : undefined;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: {
      text: `${finding.description}: ${finding.redacted}${commit ? ` (commit ${commit.sha.slice(0, 12)})` : ""}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(finding.file), uriBaseId: "%SRCROOT%" },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endLine: finding.endLine,
            endColumn: Math.max(finding.endColumn, 1),
          },
        },
      },
    ],
    ...(finding.locations?.length
      ? {
          relatedLocations: finding.locations.map((place, id) => ({
            id,
            physicalLocation: {
              artifactLocation: { uri: encodeUri(place.file), uriBaseId: "%SRCROOT%" },
              region: { startLine: Math.max(place.line, 1) },
            },
            message: {
              text: `The same secret${place.commit ? ` (commit ${place.commit.slice(0, 12)})` : ""}`,
            },
          })),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      severity: finding.severity,
      redacted: finding.redacted,
      ...(commit ? { commit: commit.sha, author: commit.author, date: commit.date } : {}),
      ...(finding.presentAtHead !== undefined ? { presentAtHead: finding.presentAtHead } : {}),
    },
  };
}

function encodeUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function toPascalCase(id: string): string {
  return id
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
