import type { Finding } from "../engine/types.js";
import type { ScanResult } from "../scan.js";

export interface JsonFinding {
  ruleId: string;
  description: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  redacted: string;
  fingerprint: string;
  entropy?: number;
  name?: string;
  secret?: string;
  commit?: { sha: string; date: string; author: string; email: string };
  [extra: string]: unknown;
}

/** The contract: `{ version, findings, stats }`, one finding per object, paths relative with `/`. */
export function formatJson(result: ScanResult, version: string): string {
  return `${JSON.stringify({ version, findings: result.findings.map(toJsonFinding), stats: result.stats }, null, 2)}\n`;
}

export function toJsonFinding(finding: Finding): JsonFinding {
  const { provenance, blob: _blob, ...rest } = finding;
  const json: JsonFinding = { ...rest };
  if (provenance.kind === "commit") {
    const { sha, date, author, email } = provenance.commit;
    json.commit = { sha, date, author, email };
  }
  return json;
}
